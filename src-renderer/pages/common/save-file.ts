/** Hand bytes or text the gate made (a PDF, a certificate) to the person as a file download. */
export function saveFile(contents: Uint8Array | string, fileName: string, type: string): void {
  const url = URL.createObjectURL(new Blob([contents as BlobPart], { type }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.click();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
