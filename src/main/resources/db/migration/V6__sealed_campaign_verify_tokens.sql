-- Campaign Verify tokens are stored encrypted (see platform/secrets); what responses show of one,
-- its first characters, is kept beside it so that listing brands decrypts nothing. Tokens stored
-- in plain text before this version are encrypted by the server's start-up pass.
ALTER TABLE brands ADD COLUMN campaign_verify_token_hint text;
