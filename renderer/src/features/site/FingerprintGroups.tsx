// Renderer. A certificate fingerprint as 8 numbered groups of 4 bytes (as the server's console prints it), large: read aloud and compared group by group
// between the server's screen and the client PC's.
import { fingerprintGroups } from './site-format';

export function FingerprintGroups({ fingerprint, labelledBy }: { fingerprint: string; labelledBy?: string }) {
  const groups = fingerprintGroups(fingerprint);
  return (
    // The whole fingerprint is also the list's accessible text (a screen reader reads it in one go).
    <ol className="fingerprint" aria-labelledby={labelledBy} data-fingerprint={fingerprint}>
      {groups.map((group, index) => (
        <li key={index} className="fingerprint__group">
          <span className="fingerprint__index" aria-hidden="true">
            {index + 1}
          </span>
          <span className="fingerprint__value">{group}</span>
        </li>
      ))}
    </ol>
  );
}
