// Renderer. Files to and from main for the equipment import/export and the label sheet: a chosen file read as base64,
// and a base64 file from main handed to the user (a Blob behind a `download` link, as features/audit/download-file.ts does).
export function readFileAsBase64(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onerror = () => reject(reader.error ?? new Error('read failed'));
    // A data: URL is "data:<type>;base64,<content>": the content is what main wants.
    reader.onload = () => resolve(String(reader.result).replace(/^data:[^,]*,/, ''));
    reader.readAsDataURL(file);
  });
}

export function downloadBase64File(file: { fileName: string; mimeType: string; contentBase64: string }): void {
  const binary = atob(file.contentBase64);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  const url = URL.createObjectURL(new Blob([bytes], { type: file.mimeType }));
  const link = document.createElement('a');
  link.href = url;
  link.download = file.fileName;
  link.hidden = true;
  document.body.appendChild(link);
  link.click();
  link.remove();
  // The download has taken its copy by then; the Blob need not stay in memory.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
