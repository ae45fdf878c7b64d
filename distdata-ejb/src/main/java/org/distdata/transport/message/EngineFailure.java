package org.distdata.transport.message;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A partition call failed with a {@code DistDataException}: its API error {@code code} (an
 * {@code ErrorCode} name), its detail and its problem extensions, in order. Extension values
 * are SQL values (see {@link ValueCodec}); the sender turns anything else into its string
 * form. Sent in a frame flagged {@code RESPONSE | ERROR}.
 */
public record EngineFailure(String code, String detail, Map<String, Object> extensions) {

    public EngineFailure {
        Objects.requireNonNull(code, "code");
        // A LinkedHashMap rather than Map.copyOf: the order is kept and null values (SQL NULL) are allowed.
        extensions = Collections.unmodifiableMap(new LinkedHashMap<>(extensions));
        extensions.keySet().forEach(name -> Objects.requireNonNull(name, "extension name"));
    }

    @Override
    public boolean equals(Object other) {
        if (!(other instanceof EngineFailure f && f.code.equals(code) && Objects.equals(f.detail, detail)
                && f.extensions.keySet().equals(extensions.keySet()))) {
            return false;
        }
        for (Map.Entry<String, Object> e : extensions.entrySet()) {
            if (!SqlValues.equal(e.getValue(), f.extensions.get(e.getKey()))) {
                return false;
            }
        }
        return true;
    }

    @Override
    public int hashCode() {
        int h = Objects.hash(code, detail);
        for (Map.Entry<String, Object> e : extensions.entrySet()) {
            h += e.getKey().hashCode() ^ SqlValues.hash(e.getValue());
        }
        return h;
    }
}
