import { render } from 'preact'
import '../../styles/theme.css'
import './style.css'
import { localizeDocument } from '../../lib/localize-document.ts'
import { App } from './App.tsx'
import { WithVendorFacts } from '../../pages/WithVendorFacts.tsx'
import { handOver } from './first-paint.ts'
import { dropForeignFirstPaint } from '../../stores/first-paint-keeper.ts'

// Where the time to the first row goes (npm run bench:popup prints it): the bundle and its imports have run.
performance.mark('app:module')
localizeDocument('extName')

const app = document.getElementById('app')!
const firstPaint = document.getElementById('first-paint')
handOver(firstPaint, app)
void dropForeignFirstPaint(firstPaint, app)
render(
  <WithVendorFacts>
    <App />
  </WithVendorFacts>,
  app,
)
