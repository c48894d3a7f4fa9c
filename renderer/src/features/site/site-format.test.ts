// Node (vitest). The site screens' pure decisions: fingerprint groups, code typing, countdowns, which screen and banner.
import { describe, expect, it } from 'vitest';
import type { SiteStatus } from '../../../../shared/site/contract';
import { bannerView, fingerprintGroups, formatCodeInput, formatCountdown, linkView, secondsUntil, siteScreen } from './site-format';

const FINGERPRINT = Array.from({ length: 32 }, (_, i) => i.toString(16).toUpperCase().padStart(2, '0')).join(':');

const status = (over: Partial<SiteStatus>): SiteStatus => ({
  mode: 'client',
  serverUrl: 'https://serveur-gmao:8443',
  fingerprint: FINGERPRINT,
  workstationName: 'Presse 3',
  connection: 'connected',
  refusal: null,
  queuedRequests: 0,
  canEnrol: false,
  ...over,
});

describe('site format', () => {
  it('cuts a fingerprint into 8 groups of 4 bytes to read aloud, as the server console prints it', () => {
    const groups = fingerprintGroups(FINGERPRINT);
    expect(groups).toHaveLength(8);
    expect(groups.slice(0, 2)).toEqual(['00:01:02:03', '04:05:06:07']);
    expect(groups.join(':')).toBe(FINGERPRINT);
    expect(fingerprintGroups('ab:cd')).toEqual(['AB:CD']);
  });

  it('types an enrolment code in upper case with its dashes, whatever the person typed', () => {
    expect(formatCodeInput('abcd efgh jkmn')).toBe('ABCD-EFGH-JKMN');
    expect(formatCodeInput('ABCDE')).toBe('ABCD-E');
    expect(formatCodeInput('ab-cd-ef-gh-jk-mn-pq')).toBe('ABCD-EFGH-JKMN');
    expect(formatCodeInput('')).toBe('');
  });

  it('counts down in whole seconds, never below zero', () => {
    expect(secondsUntil(10_500, 10_000)).toBe(1);
    expect(secondsUntil(25_000, 10_000)).toBe(15);
    expect(secondsUntil(5_000, 10_000)).toBe(0);
    expect(formatCountdown(15 * 60)).toBe('15:00');
    expect(formatCountdown(65)).toBe('1:05');
    expect(formatCountdown(-3)).toBe('0:00');
  });

  it('shows no link on a poste autonome or a server, and the latest event over the status on a client', () => {
    expect(linkView(status({ mode: 'standalone', connection: null }), null)).toBeNull();
    expect(linkView(status({ mode: 'server', connection: null }), null)).toBeNull();
    expect(linkView(null, null)).toBeNull();
    expect(linkView(status({}), { state: 'reconnecting', refusal: null, nextAttemptAt: 42, queuedRequests: 2 })).toEqual({ state: 'reconnecting', refusal: null, nextAttemptAt: 42, queuedRequests: 2 });
    expect(linkView(status({ connection: 'refused', refusal: 'revoked' }), null)?.refusal).toBe('revoked');
  });

  it('picks the enrolment screen, the refusal screen or none', () => {
    expect(siteScreen(null, false)).toBeNull();
    expect(siteScreen(null, true)).toBe('enrol');
    expect(siteScreen(linkView(status({ connection: 'not-enrolled' }), null), false)).toBe('enrol');
    expect(siteScreen(linkView(status({ connection: 'refused', refusal: 'pin-mismatch' }), null), false)).toBe('refused');
    expect(siteScreen(linkView(status({ connection: 'reconnecting' }), null), false)).toBeNull();
    expect(siteScreen(linkView(status({}), null), false)).toBeNull();
  });

  it('shows the banner while reconnecting (with the wait) and while DIs wait to be sent', () => {
    const reconnecting = linkView(status({}), { state: 'reconnecting', refusal: null, nextAttemptAt: 13_000, queuedRequests: 1 });
    expect(bannerView(reconnecting, 10_000)).toEqual({ kind: 'reconnecting', seconds: 3, queued: 1 });
    expect(bannerView(linkView(status({ queuedRequests: 2 }), null), 0)).toEqual({ kind: 'queued', queued: 2 });
    expect(bannerView(linkView(status({}), null), 0)).toBeNull();
    expect(bannerView(null, 0)).toBeNull();
  });
});
