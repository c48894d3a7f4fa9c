// Renderer. Files to and from main for the equipment import/export and the label sheet: a chosen file read as base64,
// and a base64 file from main handed to the user (components/download-file.ts).
import { downloadBase64 } from '../../components/download-file';

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
  downloadBase64(file.fileName, file.contentBase64, file.mimeType);
}
