// Pure. The HTML frame every email shares: one column, inline CSS only (mail clients drop <style> and
// external sheets), no image at all (nothing remote to load or block), large text that reads on a phone.
import { escapeHtml } from '../../kernel/platform/escape-html';

export { escapeHtml };

export interface HtmlBlock {
  kind: 'p' | 'code' | 'link' | 'note' | 'list';
  /** Already escaped HTML (paragraphs may carry <strong>). */
  html: string;
  /** For `link`: the href (escaped here) and its visible text. */
  href?: string;
}

const FONT = "font-family:-apple-system,'Segoe UI',Roboto,Helvetica,Arial,sans-serif";

export function layout(options: { lang: 'fr' | 'en'; title: string; preheader: string; heading: string; blocks: HtmlBlock[]; footer: string }): string {
  const body = options.blocks
    .map((block) => {
      switch (block.kind) {
        case 'p':
          return `<p style="margin:0 0 16px;font-size:17px;line-height:1.5;color:#1f2933">${block.html}</p>`;
        case 'note':
          return `<p style="margin:0 0 16px;font-size:15px;line-height:1.5;color:#52606d">${block.html}</p>`;
        case 'list':
          return `<ul style="margin:0 0 16px;padding-left:22px;font-size:16px;line-height:1.6;color:#1f2933">${block.html}</ul>`;
        case 'code':
          // Monospace, spaced and large: read on a phone, typed at the shop PC.
          return `<p style="margin:8px 0 20px;text-align:center"><span style="display:inline-block;padding:14px 20px;border:2px solid #1d4ed8;border-radius:8px;background:#eff6ff;font-family:'Courier New',Courier,monospace;font-size:28px;font-weight:bold;letter-spacing:4px;color:#1e3a8a">${block.html}</span></p>`;
        case 'link':
          return `<p style="margin:0 0 20px;text-align:center"><a href="${escapeHtml(block.href ?? '')}" style="display:inline-block;padding:14px 22px;border-radius:8px;background:#1d4ed8;color:#ffffff;font-size:17px;font-weight:bold;text-decoration:none">${block.html}</a></p>`;
      }
    })
    .join('\n');
  return `<!DOCTYPE html>
<html lang="${options.lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(options.title)}</title>
</head>
<body style="margin:0;padding:0;background:#f3f4f6;${FONT}">
<div style="display:none;max-height:0;overflow:hidden">${escapeHtml(options.preheader)}</div>
<table role="presentation" width="100%" cellpadding="0" cellspacing="0" style="background:#f3f4f6">
<tr><td align="center" style="padding:24px 12px">
<table role="presentation" width="100%" cellpadding="0" cellspacing="0" style="max-width:560px;background:#ffffff;border-radius:10px;border:1px solid #d9dee4">
<tr><td style="padding:28px 24px;${FONT}">
<h1 style="margin:0 0 20px;font-size:22px;line-height:1.3;color:#111827">${escapeHtml(options.heading)}</h1>
${body}
</td></tr>
<tr><td style="padding:16px 24px;border-top:1px solid #e5e7eb;font-size:13px;line-height:1.5;color:#6b7280;${FONT}">${escapeHtml(options.footer)}</td></tr>
</table>
</td></tr>
</table>
</body>
</html>`;
}
