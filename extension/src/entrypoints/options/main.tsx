import { render } from 'preact'
import '../../styles/theme.css'
import './style.css'
import { localizeDocument } from '../../lib/localize-document.ts'
import { App } from './App.tsx'
import { WithVendorFacts } from '../../pages/WithVendorFacts.tsx'

localizeDocument('optionsTitle')

render(
  <WithVendorFacts>
    <App />
  </WithVendorFacts>,
  document.getElementById('app')!,
)
