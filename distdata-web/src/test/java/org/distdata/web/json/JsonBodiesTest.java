package org.distdata.web.json;

import org.distdata.error.DistDataException;
import org.distdata.error.ErrorCode;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class JsonBodiesTest {

    @Test
    void readsAnObjectWithinTheLimit() {
        assertThat(JsonBodies.readObject(body("{\"sql\":\"SELECT 1\"}"), 100).getString("sql")).isEqualTo("SELECT 1");
    }

    @Test
    void bodyOverTheLimitIsPayloadTooLarge() {
        String big = "{\"sql\":\"" + "x".repeat(200) + "\"}";
        assertCode(() -> JsonBodies.readObject(body(big), 100), ErrorCode.PAYLOAD_TOO_LARGE);
    }

    @Test
    void malformedOrNonObjectJsonIsABadRequest() {
        assertCode(() -> JsonBodies.readObject(body("{\"sql\": "), 100), ErrorCode.BAD_REQUEST);
        assertCode(() -> JsonBodies.readObject(body("[1]"), 100), ErrorCode.BAD_REQUEST);
        assertCode(() -> JsonBodies.readObject(body(""), 100), ErrorCode.BAD_REQUEST);
    }

    @Test
    void wrongMemberTypesNameTheMember() {
        var o = JsonBodies.readObject(body("{\"sql\": 5, \"atomic\": \"yes\"}"), 100);
        assertThatThrownBy(() -> JsonBodies.requiredString(o, "sql")).hasMessageContaining("'sql'");
        assertThatThrownBy(() -> JsonBodies.optionalBoolean(o, "atomic")).hasMessageContaining("'atomic'");
        assertThatThrownBy(() -> JsonBodies.requiredString(o, "missing")).hasMessageContaining("required");
    }

    private static InputStream body(String s) {
        return new ByteArrayInputStream(s.getBytes(StandardCharsets.UTF_8));
    }

    private static void assertCode(org.assertj.core.api.ThrowableAssert.ThrowingCallable call, ErrorCode code) {
        assertThatThrownBy(call).isInstanceOfSatisfying(DistDataException.class, e -> assertThat(e.code()).isEqualTo(code));
    }
}
