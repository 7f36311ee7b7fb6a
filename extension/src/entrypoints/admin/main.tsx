import { render } from 'preact'
import '../../styles/theme.css'
import './style.css'
import { localizeDocument } from '../../lib/localize-document.ts'
import { App } from './App.tsx'

localizeDocument('adminTitle')

render(<App />, document.getElementById('app')!)
