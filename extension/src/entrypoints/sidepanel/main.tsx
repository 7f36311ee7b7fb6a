import { render } from 'preact'
import '../../styles/theme.css'
import './style.css'
import { App } from './App.tsx'

render(<App />, document.getElementById('app')!)
