package nl.homepair.complaints.cluster;

import java.security.GeneralSecurityException;
import java.util.function.Supplier;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * An HMAC-SHA256 key that every node of the cluster shares ({@link ClusterSettings#sharedKey}): read (or made) once,
 * on first use or by {@link #load()} at start, then kept by this node.
 */
public final class SharedKey {

    private static final String ALGORITHM = "HmacSHA256";

    private final Supplier<byte[]> source;
    private volatile SecretKeySpec known;

    /** With the key's bytes from here (the cluster's setting, or a fixed key in a test of the models). */
    public SharedKey(Supplier<byte[]> source) {
        this.source = source;
    }

    /** Reads the key now, e.g. at start, outside any transaction of the engine. */
    public void load() {
        key();
    }

    /** The HMAC-SHA256 of these bytes under the shared key. */
    public byte[] sign(byte[] data) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key());
            return mac.doFinal(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private SecretKeySpec key() {
        SecretKeySpec read = known;
        if (read == null) {
            synchronized (this) {
                if (known == null) {
                    known = new SecretKeySpec(source.get(), ALGORITHM);
                }
                read = known;
            }
        }
        return read;
    }
}
