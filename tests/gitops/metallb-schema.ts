import { z } from 'zod'

// Written from MetalLB's documented API (metallb.io/v1beta1, "Configuration" and
// "API reference" pages): only the fields this repository may use, all others rejected.

const metadata = z.object({
  name: z.string().min(1),
  namespace: z.string().min(1),
  annotations: z.record(z.string(), z.string()).optional(),
  labels: z.record(z.string(), z.string()).optional(),
}).strict()

const cidrOrRange = z.string().regex(
  /^(?:\d{1,3}(?:\.\d{1,3}){3}\/\d{1,2}|\d{1,3}(?:\.\d{1,3}){3}\s*-\s*\d{1,3}(?:\.\d{1,3}){3})$/,
  'an IPv4 CIDR (a.b.c.d/n) or range (a.b.c.d-e.f.g.h)',
)

const labelSelector = z.object({
  matchLabels: z.record(z.string(), z.string()).optional(),
  matchExpressions: z.array(z.object({
    key: z.string(),
    operator: z.enum([
      'In',
      'NotIn',
      'Exists',
      'DoesNotExist',
    ]),
    values: z.array(z.string()).optional(),
  }).strict()).optional(),
}).strict()

export const ipAddressPoolSchema = z.object({
  apiVersion: z.literal('metallb.io/v1beta1'),
  kind: z.literal('IPAddressPool'),
  metadata,
  spec: z.object({
    addresses: z.array(cidrOrRange).min(1),
    autoAssign: z.boolean().optional(),
    avoidBuggyIPs: z.boolean().optional(),
    serviceAllocation: z.object({
      priority: z.number().int().optional(),
      namespaces: z.array(z.string()).optional(),
      namespaceSelectors: z.array(labelSelector).optional(),
      serviceSelectors: z.array(labelSelector).optional(),
    }).strict().optional(),
  }).strict(),
}).strict()

export const l2AdvertisementSchema = z.object({
  apiVersion: z.literal('metallb.io/v1beta1'),
  kind: z.literal('L2Advertisement'),
  metadata,
  spec: z.object({
    ipAddressPools: z.array(z.string()).optional(),
    ipAddressPoolSelectors: z.array(labelSelector).optional(),
    nodeSelectors: z.array(labelSelector).optional(),
    interfaces: z.array(z.string()).optional(),
  }).strict().optional(),
}).strict()
