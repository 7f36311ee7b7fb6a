/** The kit's vendor shape: what a vendor folder describes itself with (vendor-shape/vendor.ts). */
export type {
  HistoryPart,
  PagedList,
  PagedListBody,
  RequesterValues,
  Vendor,
  VendorContract,
  VendorHistory,
  VendorRequester,
  VendorWebhook,
} from '../vendor-shape/vendor.ts'
