package io.aside.benchmarks;

import java.util.List;
import java.util.Locale;

/**
 * Writes the few SVG shapes the report's charts draw. Drawn in Java rather than by a script so that
 * the report opens anywhere, offline, with nothing to run; every text escaped; coordinates to a tenth
 * of a pixel, plenty on screen and half the bytes. Styling is in presentation attributes, not the
 * page's CSS, so that a chart copied out of the page still looks the same.
 */
final class Svg {
    static final String AXIS = "#6b7280";
    static final String GRID = "#e5e7eb";
    static final String INK = "#1f2937";

    /** A point of a {@link #polyline}, in pixels from the top left. */
    record Point(double x, double y) {}

    private final StringBuilder out = new StringBuilder();

    /** An SVG of {@code width} x {@code height} pixels that scales down with the page; {@code title} is its accessible name. */
    Svg(int width, int height, String title) {
        out.append("<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 ").append(width).append(' ').append(height)
                .append("\" width=\"").append(width).append("\" height=\"").append(height)
                .append("\" role=\"img\" font-family=\"system-ui, sans-serif\" font-size=\"12\" fill=\"").append(INK).append("\">");
        tooltip(title);
    }

    Svg line(double x1, double y1, double x2, double y2, String stroke) {
        out.append("<line x1=\"").append(n(x1)).append("\" y1=\"").append(n(y1)).append("\" x2=\"").append(n(x2))
                .append("\" y2=\"").append(n(y2)).append("\" stroke=\"").append(stroke).append("\"/>");
        return this;
    }

    /** {@code anchor}: start, middle or end, where {@code x} is on the text. */
    Svg text(double x, double y, String anchor, String text) {
        out.append("<text x=\"").append(n(x)).append("\" y=\"").append(n(y)).append("\" text-anchor=\"").append(anchor).append("\">")
                .append(Markup.escape(text)).append("</text>");
        return this;
    }

    /** A filled rectangle; {@code tooltip} shows on hover, with no script. */
    Svg rect(double x, double y, double width, double height, String fill, String tooltip) {
        out.append("<rect x=\"").append(n(x)).append("\" y=\"").append(n(y)).append("\" width=\"").append(n(width))
                .append("\" height=\"").append(n(height)).append("\" fill=\"").append(fill).append("\">");
        tooltip(tooltip);
        out.append("</rect>");
        return this;
    }

    /** A line through {@code points}; {@code series} names it for a reader (a hover tooltip) and for a test ({@code data-series}). */
    Svg polyline(List<Point> points, String stroke, String series) {
        out.append("<polyline data-series=\"").append(Markup.escape(series)).append("\" fill=\"none\" stroke=\"").append(stroke)
                .append("\" stroke-width=\"2\" stroke-linejoin=\"round\" points=\"");
        for (int i = 0; i < points.size(); i++) {
            if (i > 0) out.append(' ');
            out.append(n(points.get(i).x())).append(',').append(n(points.get(i).y()));
        }
        out.append("\">");
        tooltip(series);
        out.append("</polyline>");
        return this;
    }

    @Override
    public String toString() {
        return out + "</svg>";
    }

    private void tooltip(String text) {
        out.append("<title>").append(Markup.escape(text)).append("</title>");
    }

    /** A coordinate to one decimal, without a trailing ".0". */
    private static String n(double value) {
        String s = String.format(Locale.ROOT, "%.1f", value);
        return s.endsWith(".0") ? s.substring(0, s.length() - 2) : s;
    }
}
