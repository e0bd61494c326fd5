-- The MDM push certificate's private key is sealed like the installation's other keys: AES-256-GCM
-- under the key HKDF derives from UELEDGER_SIGNING_SECRET (see installation_secret). private_key
-- now holds the ciphertext and private_key_nonce its nonce. Rows written before this version hold
-- the clear PKCS#8 key with no nonce: the server seals them in place at its next start (only it
-- knows the master secret), so a row with a NULL nonce exists only until then.
ALTER TABLE mdm_push_certificate ADD COLUMN private_key_nonce BYTEA;
