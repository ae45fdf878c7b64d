package org.distdata.cluster;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@Timeout(10)
class ClusterMembersTest {

    @Test
    void parsesTheLaunchersThreeNodeList() {
        ClusterMembers members = ClusterMembers.parse("1:n1@127.0.0.1:7100,2:n2@127.0.0.1:7101,3:n3@127.0.0.1:7102");

        assertThat(members.members()).containsExactly(
                new ClusterMember(1, "n1", "127.0.0.1", 7100),
                new ClusterMember(2, "n2", "127.0.0.1", 7101),
                new ClusterMember(3, "n3", "127.0.0.1", 7102));
        assertThat(members.byName("n2").orElseThrow().rpcAddress()).isEqualTo("127.0.0.1:7101");
        assertThat(members.byId(3).orElseThrow().name()).isEqualTo("n3");
        assertThat(members.byId(4)).isEmpty();
    }

    @Test
    void renderGivesBackWhatParseRead() {
        String text = "10:db-eu-1@db1.example.org:7100,2:n2@[::1]:7101";

        ClusterMembers members = ClusterMembers.parse(text);

        assertThat(members.render()).isEqualTo(text);
        assertThat(ClusterMembers.parse(members.render())).isEqualTo(members);
        assertThat(members.byId(2).orElseThrow().host()).isEqualTo("::1");
        assertThat(members.ids()).containsExactly(10L, 2L);
    }

    @Test
    void spacesAroundEntriesAreAllowed() {
        assertThat(ClusterMembers.parse(" 1:n1@h:1 , 2:n2@h:2 ").size()).isEqualTo(2);
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = '|', value = {
            "''                                       | is empty",
            "1:n1@h:7100,                             | entry 2 ('') is not id:name@host:port",
            "n1@h:7100                                | entry 1 ('n1@h:7100') is not id:name@host:port",
            "x:n1@h:7100                              | node id 'x' is not a number",
            "0:n1@h:7100                              | node id must be positive",
            "1:n1@h                                   | address 'h' is not host:port",
            "1:n1@h:http                              | port 'http' is not a number",
            "1:n1@h:0                                 | port 0 is outside 1..65535",
            "1:n1@h:65536                             | port 65536 is outside 1..65535",
            "1:n1@::1:7100                            | an IPv6 host needs brackets",
            "1:n1@:7100                               | is not host:port",
            "1:n_1@h:7100                             | node name 'n_1' must be letters, digits and inner hyphens",
            "1:@h:7100                                | node name '' must be",
            "1:n1@h:7100,1:n2@h:7101                  | '1:n1@h:7100' and '1:n2@h:7101' have the same id 1",
            "1:n1@h:7100,2:n1@h:7101                  | have the same name 'n1'",
            "1:n1@h:7100,2:n2@h:7100                  | have the same address h:7100"})
    void badListsAreRefusedNamingTheEntry(String text, String message) {
        assertThatThrownBy(() -> ClusterMembers.parse(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("distdata.cluster.members")
                .hasMessageContaining(message);
    }
}
