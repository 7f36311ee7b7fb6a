import { render } from 'preact'
import '../../styles/theme.css'
import './style.css'
import { localizeDocument } from '../../lib/localize-document.ts'
import { App } from './App.tsx'
import { handOver } from './first-paint.ts'

localizeDocument('extName')

const app = document.getElementById('app')!
handOver(document.getElementById('first-paint'), app)
render(<App />, app)
