package dev.poetry.cli.timeline;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/** An SVG parsed by the JDK's DOM parser, which fails on anything not well-formed, with lookups by class. */
public final class SvgDocument {

    private final Element root;

    private SvgDocument(Element root) {
        this.root = root;
    }

    public static SvgDocument parse(String svg) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        Document document = factory.newDocumentBuilder().parse(new ByteArrayInputStream(svg.getBytes(StandardCharsets.UTF_8)));
        Element root = document.getDocumentElement();
        assertEquals("svg", root.getLocalName());
        assertEquals("http://www.w3.org/2000/svg", root.getNamespaceURI());
        return new SvgDocument(root);
    }

    public Element root() {
        return root;
    }

    /** Every element under {@code within} whose class is {@code name}, in document order. */
    public static List<Element> byClass(Element within, String name) {
        List<Element> found = new ArrayList<>();
        NodeList all = within.getElementsByTagNameNS("*", "*");
        for (int i = 0; i < all.getLength(); i++) {
            Element element = (Element) all.item(i);
            if (element.getAttribute("class").equals(name)) {
                found.add(element);
            }
        }
        return found;
    }

    public List<Element> byClass(String name) {
        return byClass(root, name);
    }

    /** True when no element is a script and no attribute an event handler. */
    public boolean scriptFree() {
        NodeList all = root.getElementsByTagNameNS("*", "*");
        for (int i = 0; i < all.getLength(); i++) {
            Element element = (Element) all.item(i);
            if (element.getLocalName().equals("script") || element.getLocalName().equals("foreignObject")) {
                return false;
            }
            for (int a = 0; a < element.getAttributes().getLength(); a++) {
                if (element.getAttributes().item(a).getNodeName().startsWith("on")) {
                    return false;
                }
            }
        }
        return true;
    }
}
