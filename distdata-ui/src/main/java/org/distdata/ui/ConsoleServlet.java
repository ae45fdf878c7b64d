package org.distdata.ui;

import com.vaadin.cdi.CdiVaadinServlet;
import jakarta.servlet.annotation.WebServlet;

/**
 * The Vaadin servlet of the console, mounted at {@code /console} so that the API keeps the
 * rest of the URL space. Declaring it stops vaadin-cdi from deploying its default servlet at
 * {@code /*}. Vaadin serves its own bundle below the servlet path ({@code /console/VAADIN/...}),
 * so no root {@code /VAADIN/*} mapping is needed.
 */
@WebServlet(urlPatterns = "/console/*", asyncSupported = true, name = "DistDataConsole")
public class ConsoleServlet extends CdiVaadinServlet {
}
