/** Constant-time equality (webhook signature checks) of two MACs or digests of the same length (false for different lengths). */
export function timingSafeEqual(a: ArrayBuffer, b: ArrayBuffer): boolean {
  if (a.byteLength !== b.byteLength) return false
  // workerd's extension to SubtleCrypto (typed here so the extension's type check, which sees this file, needs no Workers types).
  return (crypto.subtle as SubtleCrypto & { timingSafeEqual(a: ArrayBuffer, b: ArrayBuffer): boolean }).timingSafeEqual(a, b)
}
