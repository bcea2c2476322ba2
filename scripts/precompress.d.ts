export function precompress(dir: string): number;
export const firstPages: Record<string, string[]>;
export function firstPageJsBytes(dir: string, pages?: Record<string, string[]>): Record<string, number>;
