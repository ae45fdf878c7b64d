package org.distdata.ui;

import com.github.mvysny.kaributesting.v10.Routes;
import com.github.mvysny.kaributesting.v10.mock.MockService;
import com.github.mvysny.kaributesting.v10.mock.MockVaadinServlet;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.di.DefaultInstantiator;
import com.vaadin.flow.di.Instantiator;
import com.vaadin.flow.function.DeploymentConfiguration;
import com.vaadin.flow.server.ServiceException;
import com.vaadin.flow.server.VaadinServletService;
import jakarta.inject.Inject;

import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.util.Arrays;
import java.util.Map;

/**
 * Karibu's mock servlet, with an instantiator that does for tests what vaadin-cdi does in
 * the container: views and layouts with an {@code @Inject} constructor get their parameters,
 * looked up by type in a fixed map (the test's node and a fake container login).
 */
final class InjectingMockServlet extends MockVaadinServlet {
    private final Map<Class<?>, Object> beans;

    InjectingMockServlet(Routes routes, Map<Class<?>, Object> beans) {
        super(routes, UI::new);
        this.beans = beans;
    }

    @Override
    protected VaadinServletService createServletService(DeploymentConfiguration configuration) throws ServiceException {
        MockService service = new MockService(this, configuration, getUiFactory()) {
            private Instantiator instantiator;

            @Override
            public Instantiator getInstantiator() {
                if (instantiator == null) {
                    instantiator = new InjectingInstantiator(this, beans);
                }
                return instantiator;
            }
        };
        service.init();
        getRoutes().register(service.getContext());
        return service;
    }

    /** Calls the {@code @Inject} constructor when a class has one; otherwise behaves as Vaadin's default. */
    private static final class InjectingInstantiator extends DefaultInstantiator {
        private final Map<Class<?>, Object> beans;

        InjectingInstantiator(VaadinServletService service, Map<Class<?>, Object> beans) {
            super(service);
            this.beans = beans;
        }

        @Override
        public <T> T getOrCreate(Class<T> type) {
            Constructor<?> injectable = Arrays.stream(type.getConstructors())
                    .filter(c -> c.isAnnotationPresent(Inject.class))
                    .findFirst().orElse(null);
            if (injectable == null) {
                return super.getOrCreate(type);
            }
            Object[] args = Arrays.stream(injectable.getParameterTypes()).map(this::bean).toArray();
            try {
                return type.cast(injectable.newInstance(args));
            } catch (InvocationTargetException e) {
                throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException("cannot create " + type.getName(), e);
            }
        }

        private Object bean(Class<?> type) {
            Object bean = beans.get(type);
            if (bean == null) {
                throw new IllegalStateException("the test offers no " + type.getName() + " to inject");
            }
            return bean;
        }
    }
}
