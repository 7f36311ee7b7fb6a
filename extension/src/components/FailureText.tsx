import type { RelayFailure } from '../lib/messages.ts'
import { lazyComponent } from './lazy.ts'

type Props = { failure: RelayFailure }

/** A failure's sentence (lib/failure-text.ts), whose words are a chunk fetched when a failure is shown. */
export const FailureText = lazyComponent<Props>(() =>
  import('../lib/failure-text.ts').then(({ failureText }) => ({ failure }: Props) => <>{failureText(failure)}</>),
)
