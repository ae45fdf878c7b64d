package org.distdata.meta.boundary;

import java.util.List;
import java.util.Optional;
import java.util.Set;

import jakarta.annotation.PostConstruct;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.DependsOn;
import jakarta.ejb.EJB;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionManagement;
import jakarta.ejb.TransactionManagementType;
import org.distdata.catalog.CatalogView;
import org.distdata.catalog.TableDetails;
import org.distdata.catalog.TableSummary;
import org.distdata.node.Node;
import org.distdata.node.boundary.NodeBean;
import org.distdata.security.control.UserService;
import org.distdata.security.control.UserView;
import org.distdata.security.entity.Role;

/**
 * What the meta group keeps, as the admin and catalog endpoints read and change it: users
 * (each change is a command proposed to the meta group, through its leader wherever it is,
 * and applied here before the call returns) and the catalog of tables and views the meta
 * state machine keeps current. The services are the ones {@link Node} built; this bean
 * builds nothing (ADR 0010 for the meta log, ADR 0012 for the beans).
 *
 * <p>Bean-managed concurrency and transactions, as {@link NodeBean} explains.
 */
@Singleton
@Startup
@DependsOn("NodeBean")
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@TransactionManagement(TransactionManagementType.BEAN)
public class MetaGroupBean {

    @EJB
    NodeBean nodeBean;

    private UserService users;
    private CatalogView catalog;

    @PostConstruct
    void attach() {
        Node node = nodeBean.node();
        users = node.users();
        catalog = node.catalog();
    }

    public List<UserView> users() {
        return users.list();
    }

    public UserView createUser(String username, String password, Set<Role> roles) {
        return users.create(username, password, roles);
    }

    public UserView updateUser(String username, Optional<String> password, Optional<Set<Role>> roles,
                               Optional<Boolean> enabled) {
        return users.update(username, password, roles, enabled);
    }

    public void deleteUser(String username) {
        users.delete(username);
    }

    public List<TableSummary> tables() {
        return catalog.tables();
    }

    public Optional<TableDetails> table(String name) {
        return catalog.table(name);
    }
}
