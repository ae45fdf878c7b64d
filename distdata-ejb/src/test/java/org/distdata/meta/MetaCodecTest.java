package org.distdata.meta;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@Timeout(30)
class MetaCodecTest {

    @Test
    void everyCommandTypeSurvivesTheRoundTrip() {
        long id = Long.MIN_VALUE;
        for (MetaCommand command : SampleCommands.all()) {
            MetaProposal proposal = new MetaProposal(id, command);
            assertThat(MetaCodec.decode(MetaCodec.encode(proposal))).as(command.toString()).isEqualTo(proposal);
            id += 0x0123_4567_89AB_CDEFL;
        }
        Set<Class<?>> covered = SampleCommands.all().stream().map(Object::getClass).collect(Collectors.toSet());
        assertThat(covered).as("samples cover every command type")
                .containsExactlyInAnyOrder(allTypes());
    }

    @Test
    void aTableDefinitionRoundTripsOnItsOwnForTheCatalogsStoredShape() {
        for (var table : List.of(SampleCommands.orders(), SampleCommands.countries(), SampleCommands.events())) {
            assertThat(MetaCodec.decodeTable(MetaCodec.encodeTable(table))).isEqualTo(table);
        }
    }

    @Test
    void aNewerFormatVersionIsRefusedByName() {
        byte[] bytes = MetaCodec.encode(new MetaProposal(1, new MetaCommand.TableDropped("T")));
        bytes[0] = (byte) (MetaCodec.VERSION + 1);
        assertThatThrownBy(() -> MetaCodec.decode(bytes)).isInstanceOf(MetaCodecException.class)
                .hasMessageContaining("version " + (MetaCodec.VERSION + 1));
    }

    @Test
    void everyTruncationAndEveryTrailingByteIsRefused() {
        for (MetaCommand command : SampleCommands.all()) {
            byte[] bytes = MetaCodec.encode(new MetaProposal(42, command));
            for (int n = 0; n < bytes.length; n++) {
                byte[] cut = Arrays.copyOf(bytes, n);
                assertThatThrownBy(() -> MetaCodec.decode(cut)).as(command + " cut at " + n)
                        .isInstanceOf(MetaCodecException.class);
            }
            byte[] longer = Arrays.copyOf(bytes, bytes.length + 1);
            assertThatThrownBy(() -> MetaCodec.decode(longer)).isInstanceOf(MetaCodecException.class)
                    .hasMessageContaining("trailing");
        }
    }

    @Test
    void unknownTagsAndInvalidValuesAreClearErrors() {
        byte[] bytes = MetaCodec.encode(new MetaProposal(1, new MetaCommand.TableDropped("T")));
        bytes[9] = 99; // the tag follows the version byte and the 8-byte proposal id
        assertThatThrownBy(() -> MetaCodec.decode(bytes)).isInstanceOf(MetaCodecException.class)
                .hasMessageContaining("unknown meta command tag 99");

        byte[] shortKey = MetaCodec.encode(new MetaProposal(1, new MetaCommand.SigningKeyAdded("k", SampleCommands.key(1))));
        // shrink the key's length prefix (33 = 32 bytes + 1) to 17 and drop the last 16 bytes
        int prefix = shortKey.length - 33;
        assertThat(shortKey[prefix]).isEqualTo((byte) 33);
        shortKey[prefix] = 17;
        byte[] truncated = Arrays.copyOf(shortKey, shortKey.length - 16);
        assertThatThrownBy(() -> MetaCodec.decode(truncated)).isInstanceOf(MetaCodecException.class)
                .hasMessageContaining("at least 256 bits");
    }

    @Test
    void randomlyCorruptedOrRandomBytesDecodeToACommandOrFailWithTheCodecsException() {
        Random random = new Random(20261203L);
        List<byte[]> valid = SampleCommands.all().stream()
                .map(c -> MetaCodec.encode(new MetaProposal(random.nextLong(), c))).toList();
        int refused = 0;
        for (int round = 0; round < 20_000; round++) {
            byte[] bytes;
            if (round % 10 == 0) {
                bytes = new byte[random.nextInt(64)];
                random.nextBytes(bytes);
            } else {
                bytes = valid.get(random.nextInt(valid.size())).clone();
                for (int flips = 1 + random.nextInt(3); flips > 0; flips--) {
                    bytes[random.nextInt(bytes.length)] ^= (byte) (1 << random.nextInt(8));
                }
            }
            try {
                MetaProposal decoded = MetaCodec.decode(bytes);
                // whatever decodes must be a well-formed command that encodes back to the same bytes
                assertThat(MetaCodec.encode(decoded)).as("round %d", round).isEqualTo(bytes);
            } catch (MetaCodecException expected) {
                refused++;
            }
        }
        assertThat(refused).as("most corruptions are detected").isGreaterThan(5_000);
    }

    private static Class<?>[] allTypes() {
        return Arrays.stream(MetaCommand.class.getPermittedSubclasses())
                .flatMap(c -> c.isInterface() ? Arrays.stream(c.getPermittedSubclasses()) : java.util.stream.Stream.of(c))
                .toArray(Class<?>[]::new);
    }
}
