package org.distdata.transport.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(value = 60, unit = TimeUnit.SECONDS)
class TransportSettingsTest {

    @TempDir
    Path data;

    static TransportSettings read(Path data, Map<String, String> values) {
        return TransportSettings.read("n1", data, key -> Optional.ofNullable(values.get(key)), key -> null);
    }

    @Test
    void defaultsAreMutualTlsOnPort7100WithMaterialUnderTheDataDirectory() {
        TransportSettings settings = read(data, Map.of());
        TransportConfig config = settings.config();
        assertThat(config.port()).isEqualTo(7100);
        assertThat(config.bindHost()).isEqualTo("127.0.0.1");
        assertThat(config.plaintext()).isFalse();
        assertThat(config.faultInjection()).isFalse();
        assertThat(config.tls().keystore()).isEqualTo(data.resolve("tls/n1.p12"));
        assertThat(config.tls().caCertificate()).isEqualTo(data.resolve("tls/ca.crt"));
        assertThat(config.tls().passwordFile()).isEqualTo(data.resolve("tls/keystore.pass"));
        assertThat(settings.devProfile()).isTrue();
    }

    @Test
    void devProfileCreatesTheCaAndTheNodeCertificateOnce() {
        TransportSettings settings = read(data, Map.of(TransportSettings.PORT, "7101"));
        assertThat(settings.ensureDevCertificates()).hasSize(2);
        assertThat(settings.config().tls().exist()).isTrue();
        assertThat(settings.ensureDevCertificates()).isEmpty();
        // A second node sharing the directory gets its certificate from the same CA.
        TransportSettings n2 = TransportSettings.read("n2", data, key -> Optional.empty(), key -> null);
        assertThat(n2.ensureDevCertificates()).singleElement().asString().contains("n2.p12");
        new NodeTransport(settings.config(), TransportNodes.threads("settings")).close();
    }

    @Test
    void explicitlyConfiguredFilesAreUsedAndNeverCreated() {
        Path elsewhere = data.resolve("elsewhere");
        TransportSettings settings = read(data, Map.of(
                TransportSettings.KEYSTORE, elsewhere.resolve("me.p12").toString(),
                TransportSettings.PASSWORD_FILE, elsewhere.resolve("pass").toString(),
                TransportSettings.CA, elsewhere.resolve("ca.pem").toString(),
                TransportSettings.HOST, "0.0.0.0"));
        assertThat(settings.devProfile()).isFalse();
        assertThat(settings.config().tls().keystore()).isEqualTo(elsewhere.resolve("me.p12"));
        assertThat(settings.config().bindHost()).isEqualTo("0.0.0.0");
        assertThat(settings.ensureDevCertificates()).isEmpty();
        assertThat(Files.exists(elsewhere)).isFalse();
        assertThatThrownBy(() -> new NodeTransport(settings.config(), TransportNodes.threads("x")))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("TLS material missing");
    }

    @Test
    void plaintextOnlyWhenTheFlagSaysTrue() {
        assertThat(read(data, Map.of(TransportSettings.PLAINTEXT, "true")).config().plaintext()).isTrue();
        assertThat(read(data, Map.of(TransportSettings.PLAINTEXT, "false")).config().plaintext()).isFalse();
        assertThatThrownBy(() -> read(data, Map.of(TransportSettings.PLAINTEXT, "yes")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("true or false");
        assertThatThrownBy(() -> read(data, Map.of(TransportSettings.PORT, "x")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("port number");
    }
}
