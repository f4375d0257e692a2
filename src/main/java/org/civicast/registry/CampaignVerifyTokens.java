package org.civicast.registry;

import java.util.List;
import org.civicast.platform.db.Database;
import org.civicast.platform.secrets.SecretBox;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A political committee's Campaign Verify token authorises traffic in its name, so it is kept like
 * a credential: encrypted at rest, bound to its brand's row, and shown only as a hint (its version
 * and kind, e.g. {@code cv|1.0}, and an ellipsis).
 */
final class CampaignVerifyTokens {
    private static final Logger log = LoggerFactory.getLogger(CampaignVerifyTokens.class);
    /** Characters of a token a response shows; never more than a third of it. */
    private static final int HINT_LENGTH = 6;

    /** A token as stored: encrypted, and the hint responses show. Both null for no token. */
    record Sealed(String stored, String hint) {
        static final Sealed NONE = new Sealed(null, null);
    }

    private final Database db;
    private final SecretBox box;

    CampaignVerifyTokens(Database db, SecretBox box) {
        this.db = db;
        this.box = box;
    }

    Sealed seal(String brandId, String token) {
        if (token == null) return Sealed.NONE;
        return new Sealed(box.encrypt(token, context(brandId)), hint(token));
    }

    String open(String brandId, String stored) {
        return stored == null ? null : box.decrypt(stored, context(brandId));
    }

    static String hint(String token) {
        return token.substring(0, Math.min(HINT_LENGTH, token.length() / 3)) + "…";
    }

    /**
     * Encrypts tokens stored in plain text (by versions before encryption) and re-encrypts those
     * under a previous key with the current one. Several instances may run it at once: each row is
     * rewritten only if it still holds what was read.
     */
    void sealStored() {
        int sealed = 0;
        int resealed = 0;
        List<BrandStore.StoredToken> tokens = db.read(BrandStore::storedTokens);
        for (BrandStore.StoredToken t : tokens) {
            if (!box.isCiphertext(t.stored())) {
                Sealed s = seal(t.brandId(), t.stored());
                if (db.tx(h -> BrandStore.replaceToken(h, t.brandId(), t.stored(), s))) sealed++;
            } else if (box.needsReencryption(t.stored())) {
                Sealed s = new Sealed(box.encrypt(open(t.brandId(), t.stored()), context(t.brandId())), null);
                if (db.tx(h -> BrandStore.replaceToken(h, t.brandId(), t.stored(), s))) resealed++;
            }
        }
        if (sealed + resealed > 0) {
            log.info("Campaign Verify tokens: encrypted {} stored in plain text, re-encrypted {} with key {}",
                    sealed, resealed, box.currentKeyId());
        }
        log.info("Campaign Verify tokens: none remain under a previous key ({} encrypted with key {})",
                tokens.size(), box.currentKeyId());
    }

    private static String context(String brandId) {
        return "brands.campaign_verify_token:" + brandId;
    }
}
