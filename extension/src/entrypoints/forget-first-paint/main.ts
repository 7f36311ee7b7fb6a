import { forgetFirstPaint, pageStorage } from '../../lib/first-paint-snapshot.ts'

// The popup's kept first screen, forgotten for the service worker (it has no localStorage).
forgetFirstPaint(pageStorage())
