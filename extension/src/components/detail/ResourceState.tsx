import type { ComponentChildren } from 'preact'
import type { Resource } from '../../stores/resource.ts'
import { Notices } from '../ErrorBanner.tsx'
import { Skeleton } from '../Skeleton.tsx'

/** A resource's failure banner, skeleton while it first loads, then `children(data)`. */
export function ResourceState<T>({
  resource,
  rows = 3,
  children,
}: {
  resource: Resource<T>
  rows?: number
  children: (data: T) => ComponentChildren
}) {
  const data = resource.data.value
  return (
    <>
      <Notices
        error={resource.error.value}
        fetched={data ? resource.fetched.value : null}
        onRetry={() => void resource.load()}
        onRefresh={() => void resource.load(true)}
      />
      {data === null && resource.loading.value && <Skeleton rows={rows} />}
      {data !== null && children(data)}
    </>
  )
}
