/** An organisation's public code, as carried in share links (?via=code): "bieb-moerwijk". */
export const ORGANISATION_CODE_PATTERN = /^[a-z0-9](?:[a-z0-9-]{0,38}[a-z0-9])?$/;
