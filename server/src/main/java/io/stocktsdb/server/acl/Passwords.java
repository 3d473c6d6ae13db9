package io.stocktsdb.server.acl;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.HexFormat;

/** Password hashing as Redis stores them: SHA-256 in lower-case hex; constant-time comparison. */
public final class Passwords {
    public static final int HASH_HEX_LENGTH = 64;
    private static final HexFormat HEX = HexFormat.of();
    private static final SecureRandom RANDOM = new SecureRandom();

    private Passwords() {}

    public static String hash(byte[] cleartext) {
        try {
            return HEX.formatHex(MessageDigest.getInstance("SHA-256").digest(cleartext));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every Java platform", e);
        }
    }

    /** Redis's ACLCheckPasswordHash: exactly 64 characters of 0-9 and a-f. */
    public static boolean isValidHash(String hash) {
        if (hash.length() != HASH_HEX_LENGTH) return false;
        for (int i = 0; i < hash.length(); i++) {
            char c = hash.charAt(i);
            if ((c < 'a' || c > 'f') && (c < '0' || c > '9')) return false;
        }
        return true;
    }

    /** Compares two hashes of equal length without an early exit. */
    public static boolean sameHash(String a, String b) {
        if (a.length() != b.length()) return false;
        int diff = 0;
        for (int i = 0; i < a.length(); i++) diff |= a.charAt(i) ^ b.charAt(i);
        return diff == 0;
    }

    /** ACL GENPASS: {@code bits} of randomness as (bits+3)/4 hex characters. */
    public static String generate(int bits) {
        int chars = (bits + 3) / 4;
        byte[] raw = new byte[(chars + 1) / 2];
        RANDOM.nextBytes(raw);
        return HEX.formatHex(raw).substring(0, chars);
    }
}
