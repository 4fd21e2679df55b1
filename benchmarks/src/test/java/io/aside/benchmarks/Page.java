package io.aside.benchmarks;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.xpath.XPathConstants;
import javax.xml.xpath.XPathFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * Markup parsed by a strict XML parser (so a test fails on anything not well-formed, an unescaped
 * {@code &} or {@code <} first of all) and read with XPath.
 */
final class Page {
    private final Node root;

    private Page(Node root) {
        this.root = root;
    }

    static Page parse(String markup) {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
            factory.setExpandEntityReferences(false);
            Document document = factory.newDocumentBuilder().parse(new ByteArrayInputStream(markup.getBytes(StandardCharsets.UTF_8)));
            return new Page(document);
        } catch (Exception e) {
            throw new AssertionError("not well-formed: " + e.getMessage(), e);
        }
    }

    List<Element> all(String xpath) {
        try {
            NodeList nodes = (NodeList) XPathFactory.newInstance().newXPath().evaluate(xpath, root, XPathConstants.NODESET);
            List<Element> elements = new ArrayList<>();
            for (int i = 0; i < nodes.getLength(); i++) elements.add((Element) nodes.item(i));
            return elements;
        } catch (Exception e) {
            throw new AssertionError("bad XPath " + xpath, e);
        }
    }

    Page within(Element element) {
        return new Page(element);
    }

    /** The text content of every element {@code xpath} finds, in document order. */
    List<String> texts(String xpath) {
        return all(xpath).stream().map(Node::getTextContent).toList();
    }

    /** The points of a polyline, as x and y pairs. */
    static List<double[]> points(Element polyline) {
        return Arrays.stream(polyline.getAttribute("points").trim().split("\\s+"))
                .map(pair -> pair.split(","))
                .map(xy -> new double[] {Double.parseDouble(xy[0]), Double.parseDouble(xy[1])})
                .toList();
    }
}
