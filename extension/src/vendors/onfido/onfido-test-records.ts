import type { OnfidoCheck, OnfidoReport, OnfidoRun } from './onfido-records.ts'

/*
The demo story's declined run (worker/demo-upstream/onfido-seed.ts) as the relay lets it out, its
check and its two reports: shared by this folder's tests.
*/
export const RUN: OnfidoRun = {
  id: 'c2a7e5f1-4b9d-4e3a-8f60-1d5b7c9e2a46',
  applicant_id: '3b9f6c2e-8a41-4d7e-b2c5-9e0a1f6d4c83',
  workflow_id: 'a7f3c9e1-2b4d-4f6a-8c0e-5d1b3f7a9c24',
  workflow_version_id: 4,
  dashboard_url: 'https://dashboard.onfido.com/results/c2a7e5f1-4b9d-4e3a-8f60-1d5b7c9e2a46',
  status: 'declined',
  reasons: ['document_image_quality'],
  tags: ['vip'],
  link: { expires_at: '2026-11-13T09:00:00Z', language: 'en_US' },
  created_at: '2026-11-06T09:00:00Z',
  updated_at: '2026-11-06T09:09:00Z',
}

export const CHECK: OnfidoCheck = {
  id: '5d1b3f7a-9c24-4a7f-8c0e-a7f3c9e12b4d',
  applicant_id: RUN.applicant_id,
  created_at: '2026-11-06T09:08:00Z',
  status: 'complete',
  result: 'consider',
  report_ids: [],
}

/** Another check of the same applicant, made before this run. */
export const EARLIER_CHECK: OnfidoCheck = {
  ...CHECK,
  id: '9e0a1f6d-4c83-4b9f-8c2e-3b9f6c2e8a41',
  created_at: '2026-10-01T10:00:00Z',
  result: 'clear',
}

export const DOCUMENT: OnfidoReport = {
  id: '1f6d4c83-3b9f-4c2e-8a41-4d7eb2c59e0a',
  name: 'document',
  status: 'complete',
  result: 'consider',
  sub_result: 'caution',
  check_id: CHECK.id,
  created_at: CHECK.created_at,
  breakdown: {
    data_comparison: { result: 'clear' },
    image_integrity: { result: 'consider', breakdown: { image_quality: { result: 'consider' }, supported_document: { result: 'clear' } } },
    visual_authenticity: { result: 'clear', breakdown: { security_features: { result: 'clear' } } },
  },
}

export const FACE: OnfidoReport = {
  id: '7d4e8b2c-5a9f-4e0a-b1f6-d4c833b9f6c2',
  name: 'facial_similarity_photo',
  status: 'complete',
  result: 'clear',
  check_id: CHECK.id,
  created_at: CHECK.created_at,
  breakdown: { face_comparison: { result: 'clear', breakdown: { face_match: { result: 'clear' } } } },
}
