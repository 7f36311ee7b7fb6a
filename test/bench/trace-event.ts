/** A frame of a trace event's JavaScript stack. */
type StackFrame = { functionName: string; url: string; lineNumber: number; columnNumber: number }

/**
 * An event of Chrome's trace, as the bench's tracing scripts read it. `tdur` is the thread's CPU
 * time, which a busy neighbour moves less than wall time.
 */
export type TraceEvent = {
  name: string
  cat: string
  ph: string
  ts: number
  dur?: number
  tdur?: number
  pid: number
  tid: number
  args?: Record<string, unknown> & {
    data?: Record<string, unknown> & {
      url?: string
      functionName?: string
      message?: string
      type?: string
      lineNumber?: number
      columnNumber?: number
      stackTrace?: StackFrame[]
    }
    beginData?: { stackTrace?: StackFrame[] }
  }
}
