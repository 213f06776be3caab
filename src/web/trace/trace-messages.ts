import type { Reason } from './verify.js';

/**
 * Every string of the buyer page in Simplified Chinese (the type) and English (which must match it, so a
 * missing translation fails the typecheck). Entry kinds and body fields not listed show as they are.
 */
export interface TraceMessages {
  readonly title: string;
  readonly tagline: string;
  readonly switchTo: string;
  readonly loading: string;
  readonly verified: string;
  readonly notVerified: string;
  /** `{n}`: the number of records. */
  readonly verifiedSummary: string;
  readonly whatToDo: string;
  readonly reasons: Readonly<Record<Exclude<Reason, 'ok'>, string>>;
  readonly batch: string;
  readonly product: string;
  readonly batchCode: string;
  readonly created: string;
  readonly records: string;
  readonly entryVerified: string;
  readonly entryFailed: string;
  readonly unreadable: string;
  readonly kinds: Readonly<Record<string, string>>;
  readonly fields: Readonly<Record<string, string>>;
  /** Values of known fields in words, keyed `field.value` (`result.pass` → 合格). */
  readonly values: Readonly<Record<string, string>>;
  readonly yes: string;
  readonly no: string;
  readonly share: string;
  readonly shareHint: string;
  readonly qrLabel: string;
  readonly howTitle: string;
  readonly howText: string;
  readonly log: string;
  readonly treeSize: string;
  readonly root: string;
  readonly key: string;
  readonly keyId: string;
  readonly errorTitle: string;
  readonly errorText: string;
  readonly retry: string;
}

/** 简体中文（默认）。 */
export const TRACE_ZH: TraceMessages = {
  title: '商品溯源',
  tagline: 'Reelpath 溯源',
  switchTo: 'English',
  loading: '正在加载并验证溯源记录…',
  verified: '已验证',
  notVerified: '未通过验证',
  verifiedSummary: '本批次的 {n} 条记录都已写入商家的防篡改日志，且与已签名的检查点一致。验证在您的浏览器中完成。',
  whatToDo: '请勿仅凭本页信任这些信息，请联系商家或平台客服核实，并保留包装上的二维码。',
  reasons: {
    malformed: '溯源数据格式不完整或已损坏，无法验证。',
    unknown_key: '检查点不是由本日志的签名密钥签署的。',
    bad_signature: '检查点的签名无效：数据可能在传输途中被篡改。',
    origin_mismatch: '检查点属于另一个日志，与本批次不符。',
    root_mismatch: '记录所对应的日志状态与已签名的检查点不一致。',
    proof_invalid: '至少一条记录与已签名的日志不符：内容可能被修改过。',
    wrong_batch: '至少一条记录属于其他批次。',
    no_entries: '该批次还没有任何溯源记录。',
  },
  batch: '批次',
  product: '商品',
  batchCode: '溯源码',
  created: '建档时间',
  records: '溯源记录',
  entryVerified: '已验证',
  entryFailed: '未通过',
  unreadable: '无法读取该记录的内容',
  kinds: {
    origin: '产地', inspection: '质检报告', certification: '认证', logistics: '物流',
    consent_receipt: '授权凭证', allocation_policy: '流量分配策略',
  },
  fields: {
    place: '地点', region: '地区', province: '省份', city: '城市', address: '地址', farm: '基地', producer: '生产者',
    harvestedAt: '采收时间', producedAt: '生产时间', lab: '检测机构', result: '结果', passed: '是否合格', reportNo: '报告编号',
    report: '报告', standard: '标准', issuer: '颁发机构', name: '名称', number: '编号', certificate: '证书', validUntil: '有效期至',
    carrier: '承运商', status: '状态', trackingNo: '运单号', from: '起点', to: '终点', location: '位置', note: '备注',
    purpose: '用途', scope: '范围', version: '版本', policy: '策略', sku: 'SKU', quantity: '数量', orderId: '订单号', warehouse: '仓库',
    event: '事件', receiptId: '凭证编号', decision: '决定', digest: '摘要',
  },
  values: {
    'result.pass': '合格', 'result.fail': '不合格',
    'decision.granted': '已同意', 'decision.denied': '已拒绝', 'decision.withdrawn': '已撤回',
  },
  yes: '是',
  no: '否',
  share: '分享本页',
  shareHint: '扫描二维码即可在手机上打开本页。',
  qrLabel: '本页地址的二维码',
  howTitle: '如何验证',
  howText: '商家把每条溯源记录写入只能追加、不能修改的日志（RFC 9162 默克尔树），并定期用自己的密钥对日志状态签名（检查点）。打开本页时，您的浏览器在本地重新计算每条记录的哈希，沿包含证明算到日志根，并用下方公钥核对检查点签名——不依赖服务器说“已验证”。任何一个字被改动，验证都会失败。可将密钥编号与商家公布的编号比对。',
  log: '日志',
  treeSize: '日志记录数',
  root: '日志根哈希',
  key: '签名密钥',
  keyId: '密钥编号',
  errorTitle: '暂时无法加载溯源信息',
  errorText: '请检查网络后重试；如果问题持续，请联系商家。',
  retry: '重试',
};

/** English. */
export const TRACE_EN: TraceMessages = {
  title: 'Product provenance',
  tagline: 'Reelpath trace',
  switchTo: '中文',
  loading: 'Loading and verifying the records…',
  verified: 'Verified',
  notVerified: 'Not verified',
  verifiedSummary: 'All {n} records of this batch are in the merchant’s tamper-evident log and match its signed checkpoint. The check ran in your browser.',
  whatToDo: 'Do not rely on this page alone: contact the merchant or the platform’s support to check, and keep the QR code on the package.',
  reasons: {
    malformed: 'The provenance data is incomplete or damaged and cannot be checked.',
    unknown_key: 'The checkpoint was not signed by this log’s signing key.',
    bad_signature: 'The checkpoint’s signature is invalid: the data may have been altered on the way.',
    origin_mismatch: 'The checkpoint belongs to another log than this batch’s.',
    root_mismatch: 'The log state the records refer to differs from the signed checkpoint.',
    proof_invalid: 'At least one record does not match the signed log: its content may have been changed.',
    wrong_batch: 'At least one record belongs to another batch.',
    no_entries: 'This batch has no provenance records yet.',
  },
  batch: 'Batch',
  product: 'Product',
  batchCode: 'Trace code',
  created: 'Created',
  records: 'Provenance records',
  entryVerified: 'Verified',
  entryFailed: 'Failed',
  unreadable: 'The content of this record cannot be read',
  kinds: {
    origin: 'Origin', inspection: 'Inspection report', certification: 'Certification', logistics: 'Logistics',
    consent_receipt: 'Consent receipt', allocation_policy: 'Allocation policy',
  },
  fields: {
    place: 'Place', region: 'Region', province: 'Province', city: 'City', address: 'Address', farm: 'Farm', producer: 'Producer',
    harvestedAt: 'Harvested', producedAt: 'Produced', lab: 'Laboratory', result: 'Result', passed: 'Passed', reportNo: 'Report no.',
    report: 'Report', standard: 'Standard', issuer: 'Issuer', name: 'Name', number: 'Number', certificate: 'Certificate', validUntil: 'Valid until',
    carrier: 'Carrier', status: 'Status', trackingNo: 'Tracking no.', from: 'From', to: 'To', location: 'Location', note: 'Note',
    purpose: 'Purpose', scope: 'Scope', version: 'Version', policy: 'Policy', sku: 'SKU', quantity: 'Quantity', orderId: 'Order', warehouse: 'Warehouse',
    event: 'Event', receiptId: 'Receipt', decision: 'Decision', digest: 'Digest',
  },
  values: {
    'result.pass': 'Passed', 'result.fail': 'Failed',
    'decision.granted': 'Granted', 'decision.denied': 'Denied', 'decision.withdrawn': 'Withdrawn',
  },
  yes: 'Yes',
  no: 'No',
  share: 'Share this page',
  shareHint: 'Scan the QR code to open this page on a phone.',
  qrLabel: 'QR code of this page’s address',
  howTitle: 'How this is verified',
  howText: 'The merchant writes every record into an append-only log that cannot be edited (an RFC 9162 Merkle tree) and regularly signs the log’s state with its key (a checkpoint). When you opened this page, your browser recomputed each record’s hash, followed its inclusion proof up to the log’s root and checked the checkpoint’s signature with the public key below — it does not take the server’s word for “verified”. Changing a single character makes the check fail. You can compare the key id with the one the merchant publishes.',
  log: 'Log',
  treeSize: 'Records in the log',
  root: 'Log root hash',
  key: 'Signing key',
  keyId: 'Key id',
  errorTitle: 'The provenance information cannot be loaded right now',
  errorText: 'Check your connection and try again; if it persists, contact the merchant.',
  retry: 'Try again',
};

/** The bilingual "not found" text, shown in both languages at once (the code may come from a damaged label). */
export const NOT_FOUND = {
  zh: { title: '未找到该溯源码', text: '请核对包装上的二维码或溯源码；如果仍无法打开，请联系商家。' },
  en: { title: 'Trace code not found', text: 'Check the QR code or trace code on the package; if the page still does not open, contact the merchant.' },
} as const;
