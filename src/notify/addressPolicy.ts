/**
 * The SSRF policy of the outbound webhooks: the address ranges a receiver may not resolve
 * to unless REGSYNC_NOTIFY_ALLOW_PRIVATE=true. Checked on the address the socket connects
 * to (sendWebhook.ts passes `checkedLookup` as the request's DNS lookup), so a name that
 * resolves to a public address at startup and to 169.254.169.254 at send time (DNS
 * rebinding) is still refused.
 */
import { BlockList, isIP } from 'node:net';
import { lookup as dnsLookup, type LookupAddress } from 'node:dns';

/** The refused ranges, each with why (docs/http-api.md, "Outbound webhooks"). */
export const REFUSED_RANGES: ReadonlyArray<readonly [string, number, 'ipv4' | 'ipv6', string]> = [
  ['0.0.0.0', 8, 'ipv4', '"this" network'],
  ['10.0.0.0', 8, 'ipv4', 'private'],
  ['100.64.0.0', 10, 'ipv4', 'carrier-grade NAT'],
  ['127.0.0.0', 8, 'ipv4', 'loopback'],
  ['169.254.0.0', 16, 'ipv4', 'link-local (cloud metadata 169.254.169.254)'],
  ['172.16.0.0', 12, 'ipv4', 'private'],
  ['192.0.0.0', 24, 'ipv4', 'IETF protocol assignments'],
  ['192.168.0.0', 16, 'ipv4', 'private'],
  ['198.18.0.0', 15, 'ipv4', 'benchmarking'],
  ['224.0.0.0', 4, 'ipv4', 'multicast'],
  ['240.0.0.0', 4, 'ipv4', 'reserved and broadcast'],
  ['::', 128, 'ipv6', 'unspecified'],
  ['::1', 128, 'ipv6', 'loopback'],
  ['fc00::', 7, 'ipv6', 'unique local (includes fd00:ec2::254, cloud metadata)'],
  ['fe80::', 10, 'ipv6', 'link-local'],
  ['ff00::', 8, 'ipv6', 'multicast'],
];

const blocked = new BlockList();
for (const [net, prefix, type] of REFUSED_RANGES) blocked.addSubnet(net, prefix, type);

/** The IPv4 address an IPv6 one embeds (mapped `::ffff:a.b.c.d`, NAT64 `64:ff9b::/96`), if any. */
function embeddedIpv4(address: string): string | undefined {
  const lower = address.toLowerCase();
  const dotted = /^(?:::ffff:|64:ff9b::)(\d+\.\d+\.\d+\.\d+)$/.exec(lower);
  if (dotted) return dotted[1];
  const hex = /^(?:::ffff:|64:ff9b::)([0-9a-f]{1,4}):([0-9a-f]{1,4})$/.exec(lower);
  if (!hex) return undefined;
  const hi = parseInt(hex[1] ?? '0', 16);
  const lo = parseInt(hex[2] ?? '0', 16);
  return [hi >> 8, hi & 255, lo >> 8, lo & 255].join('.');
}

/** Why `address` (an IP literal) is refused, or undefined when it may be sent to. */
export function refusalOf(address: string): string | undefined {
  const family = isIP(address);
  if (family === 0) return 'not an IP address';
  const v4 = family === 6 ? embeddedIpv4(address) : address;
  const type = v4 ? 'ipv4' : 'ipv6';
  const subject = v4 ?? address;
  if (!blocked.check(subject, type)) return undefined;
  const range = REFUSED_RANGES.find(([net, prefix, t]) => {
    if (t !== type) return false;
    const one = new BlockList();
    one.addSubnet(net, prefix, t);
    return one.check(subject, type);
  });
  return `${address} is in ${range?.[0]}/${range?.[1]} (${range?.[3]})`;
}

/** The error a refused address raises; sendWebhook records it as outcome `refused`. */
export class AddressRefused extends Error {
  override readonly name = 'AddressRefused';
  readonly code = 'NOTIFY_ADDRESS_REFUSED';
}

type LookupCallback = (
  error: NodeJS.ErrnoException | null,
  address: string | LookupAddress[],
  family?: number,
) => void;

/**
 * A `lookup` for http.request that resolves the name and refuses it when any of its
 * addresses is in a refused range (one bad answer taints the name: a round-robin with a
 * private entry is a rebinding vector).
 */
export function checkedLookup(allowPrivate: boolean) {
  return (hostname: string, options: object, callback: LookupCallback): void => {
    dnsLookup(hostname, { ...options, all: true }, (error, addresses) => {
      if (error) return callback(error, []);
      const list = addresses as LookupAddress[];
      if (!allowPrivate) {
        for (const a of list) {
          const why = refusalOf(a.address);
          if (why) return callback(new AddressRefused(`${hostname} resolves to ${why}`), []);
        }
      }
      const wantsAll = (options as { all?: boolean }).all === true;
      if (wantsAll) return callback(null, list);
      const first = list[0];
      if (!first) return callback(new Error(`${hostname} has no address`), []);
      callback(null, first.address, first.family);
    });
  };
}
