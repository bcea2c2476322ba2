export function precompress(dir: string): number;
export function firstPageJsBytes(dir: string, page?: string): number;
