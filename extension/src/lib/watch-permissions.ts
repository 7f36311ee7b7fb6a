type Listeners = { addListener(cb: () => void): void; removeListener(cb: () => void): void }

/** Calls `onChange` when `item` changes or a permission is granted or removed. Returns the unwatch function. */
export function watchItemAndPermissions(
  item: { watch(cb: () => void): () => void },
  onChange: () => void,
  api: { permissions: { onAdded: Listeners; onRemoved: Listeners } },
): () => void {
  const unwatch = item.watch(onChange)
  api.permissions.onAdded.addListener(onChange)
  api.permissions.onRemoved.addListener(onChange)
  return () => {
    unwatch()
    api.permissions.onAdded.removeListener(onChange)
    api.permissions.onRemoved.removeListener(onChange)
  }
}
