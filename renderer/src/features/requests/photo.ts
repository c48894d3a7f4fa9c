// Renderer. A photo from the phone-sized camera of a shop tablet or a file: drawn at most 1600 px on its long side
// and sent as JPEG, so a 12 MP picture becomes a few hundred kB before it crosses the bridge.
export const PHOTO_MAX_SIDE = 1600;

export interface PreparedPhoto {
  fileName: string;
  dataBase64: string;
  /** For the preview. */
  dataUrl: string;
}

export async function preparePhoto(file: File): Promise<PreparedPhoto> {
  const bitmap = await createImageBitmap(file);
  try {
    const scale = Math.min(1, PHOTO_MAX_SIDE / Math.max(bitmap.width, bitmap.height));
    const canvas = document.createElement('canvas');
    canvas.width = Math.max(1, Math.round(bitmap.width * scale));
    canvas.height = Math.max(1, Math.round(bitmap.height * scale));
    const context = canvas.getContext('2d');
    if (!context) throw new Error('No 2D canvas');
    context.drawImage(bitmap, 0, 0, canvas.width, canvas.height);
    const dataUrl = canvas.toDataURL('image/jpeg', 0.85);
    const base = file.name.replace(/\.[^.]*$/, '') || 'photo';
    return { fileName: `${base}.jpg`, dataBase64: dataUrl.slice(dataUrl.indexOf(',') + 1), dataUrl };
  } finally {
    bitmap.close();
  }
}
