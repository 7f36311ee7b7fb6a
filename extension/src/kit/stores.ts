/** The kit's stores: the signals a vendor's detail model is made of. */
export { now } from '../stores/clock.ts'
export { createResource, type Resource } from '../stores/resource.ts'
export { historyFor } from '../stores/person-history.ts'
export { createRequesterCheck, type RequesterCheck } from '../stores/requester-check.ts'
export { createLinkAction, type LinkAction } from '../stores/link-action.ts'
export { createPersonDetailParts, type PersonDetailParts } from '../stores/person-detail.ts'
export { createObjectActions, type ObjectActions } from '../stores/object-actions.ts'
export { managedPolicyItem, teamSetting, type ManagedSettings } from '../lib/managed-policy.ts'
