package io.bourse.benchmarks.flow;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.Stroke;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Line2D;
import java.awt.geom.Path2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.ToDoubleFunction;
import javax.imageio.ImageIO;

/**
 * The ramp as a picture: latency percentiles against the offered rate (log scale), and achieved against offered
 * throughput. Filled markers are sustained steps, hollow ones are not.
 */
final class Chart {

    private static final int WIDTH = 1400;
    private static final int HEIGHT = 620;
    private static final int TOP = 70;
    private static final int BOTTOM = 70;
    private static final int LEFT = 80;
    private static final int GAP = 110;
    private static final int RIGHT = 30;
    private static final Color GRID = new Color(225, 225, 225);
    private static final Color AXIS = new Color(60, 60, 60);
    private static final Color BLUE = new Color(31, 119, 180);
    private static final Color ORANGE = new Color(230, 120, 20);
    private static final Color GREEN = new Color(44, 160, 44);
    private static final Color GREY = new Color(130, 130, 130);
    private static final Stroke SOLID = new BasicStroke(2.2f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND);
    private static final Stroke DASHED = new BasicStroke(2.2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND, 10,
            new float[] {9, 6}, 0);
    private static final Stroke DOTTED = new BasicStroke(1.4f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND, 10,
            new float[] {3, 4}, 0);

    private record Series(String label, Color color, Stroke stroke, ToDoubleFunction<StepResult> value) {
    }

    private record Panel(int x, int y, int width, int height, double xMax, double yMin, double yMax, boolean log) {

        double px(double value) {
            return x + value / xMax * width;
        }

        double py(double value) {
            if (log) {
                double clamped = Math.max(yMin, Math.min(yMax, value));
                return y + height - (Math.log10(clamped) - Math.log10(yMin)) / (Math.log10(yMax) - Math.log10(yMin))
                        * height;
            }
            return y + height - value / yMax * height;
        }
    }

    private Chart() {
    }

    static void write(List<StepResult> steps, String title, double p99BoundMs, Double highestSustained, Path png)
            throws IOException {
        BufferedImage image = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, WIDTH, HEIGHT);
            g.setColor(AXIS);
            g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 18));
            g.drawString(title, LEFT, 32);
            g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
            g.drawString("filled markers: sustained steps; hollow: not sustained. POST answer: client, from the"
                    + " request's due time; trade → SETTLED: server timestamps", LEFT, 52);

            int panelWidth = (WIDTH - LEFT - GAP - RIGHT) / 2;
            int panelHeight = HEIGHT - TOP - BOTTOM;
            double xMax = steps.stream().mapToDouble(StepResult::offeredRate).max().orElse(1) * 1.08;

            List<Series> latency = List.of(
                    new Series("POST answer p50", BLUE, SOLID, s -> s.postAnswer().p50()),
                    new Series("POST answer p99", BLUE, DASHED, s -> s.postAnswer().p99()),
                    new Series("trade → SETTLED p50", ORANGE, SOLID, s -> s.tradeToSettled().p50()),
                    new Series("trade → SETTLED p99", ORANGE, DASHED, s -> s.tradeToSettled().p99()));
            double low = Double.MAX_VALUE;
            double high = p99BoundMs;
            for (StepResult step : steps) {
                for (Series series : latency) {
                    double value = series.value().applyAsDouble(step);
                    if (value > 0) {
                        low = Math.min(low, value);
                        high = Math.max(high, value);
                    }
                }
            }
            low = Math.pow(10, Math.floor(Math.log10(Math.min(low, p99BoundMs))));
            high = Math.pow(10, Math.ceil(Math.log10(high * 1.01)));
            Panel left = new Panel(LEFT, TOP, panelWidth, panelHeight, xMax, low, high, true);
            axes(g, left, "offered rate (requests/s)", "latency (ms, log scale)");
            g.setColor(GREY);
            g.setStroke(DOTTED);
            g.draw(new Line2D.Double(left.px(0), left.py(p99BoundMs), left.px(xMax), left.py(p99BoundMs)));
            g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
            g.drawString(String.format("p99 bound %s ms", Percentiles.f(p99BoundMs)), (int) left.px(0) + 6,
                    (int) left.py(p99BoundMs) - 5);
            for (Series series : latency) {
                plot(g, left, steps, series);
            }
            legend(g, left, latency);

            double throughputMax = xMax;
            for (StepResult step : steps) {
                throughputMax = Math.max(throughputMax, Math.max(step.intakeRate(), step.settledOrdersPerSecond()));
            }
            Panel right = new Panel(LEFT + panelWidth + GAP, TOP, panelWidth, panelHeight, xMax,
                    0, throughputMax * 1.1, false);
            axes(g, right, "offered rate (requests/s)", "throughput (per second)");
            g.setColor(GREY);
            g.setStroke(DASHED);
            double diagonal = Math.min(xMax, right.yMax());
            g.draw(new Line2D.Double(right.px(0), right.py(0), right.px(diagonal), right.py(diagonal)));
            List<Series> throughput = List.of(
                    new Series("accepted (requests/s)", BLUE, SOLID, StepResult::intakeRate),
                    new Series("settled (orders in settled trades/s)", ORANGE, SOLID,
                            StepResult::settledOrdersPerSecond),
                    new Series("offered", GREY, DASHED, StepResult::offeredRate));
            for (Series series : throughput.subList(0, 2)) {
                plot(g, right, steps, series);
            }
            if (highestSustained != null) {
                g.setColor(GREEN);
                g.setStroke(DOTTED);
                for (Panel panel : List.of(left, right)) {
                    double x = panel.px(highestSustained);
                    g.draw(new Line2D.Double(x, panel.y(), x, panel.y() + panel.height()));
                }
                g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
                g.drawString(String.format("highest sustained %s/s", trim(highestSustained)),
                        (int) right.px(highestSustained) + 5, right.y() + right.height() - 8);
            }
            legend(g, right, throughput);
        } finally {
            g.dispose();
        }
        ImageIO.write(image, "png", png.toFile());
    }

    private static void axes(Graphics2D g, Panel panel, String xLabel, String yLabel) {
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        FontMetrics metrics = g.getFontMetrics();
        g.setStroke(new BasicStroke(1f));
        for (double tick : linearTicks(panel.xMax())) {
            double x = panel.px(tick);
            g.setColor(GRID);
            g.draw(new Line2D.Double(x, panel.y(), x, panel.y() + panel.height()));
            g.setColor(AXIS);
            String label = trim(tick);
            g.drawString(label, (float) (x - metrics.stringWidth(label) / 2.0), panel.y() + panel.height() + 18);
        }
        List<Double> yTicks = panel.log() ? decades(panel.yMin(), panel.yMax()) : linearTicks(panel.yMax());
        for (double tick : yTicks) {
            double y = panel.py(tick);
            g.setColor(GRID);
            g.draw(new Line2D.Double(panel.x(), y, panel.x() + panel.width(), y));
            g.setColor(AXIS);
            String label = trim(tick);
            g.drawString(label, panel.x() - 8 - metrics.stringWidth(label), (float) (y + 4));
        }
        g.setColor(AXIS);
        g.drawRect(panel.x(), panel.y(), panel.width(), panel.height());
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 14));
        metrics = g.getFontMetrics();
        g.drawString(xLabel, panel.x() + (panel.width() - metrics.stringWidth(xLabel)) / 2,
                panel.y() + panel.height() + 44);
        Graphics2D rotated = (Graphics2D) g.create();
        rotated.rotate(-Math.PI / 2);
        rotated.drawString(yLabel, -(panel.y() + (panel.height() + metrics.stringWidth(yLabel)) / 2),
                panel.x() - 56);
        rotated.dispose();
    }

    private static void plot(Graphics2D g, Panel panel, List<StepResult> steps, Series series) {
        List<double[]> points = new ArrayList<>();
        List<Boolean> sustained = new ArrayList<>();
        for (StepResult step : steps) {
            double value = series.value().applyAsDouble(step);
            if (panel.log() && value <= 0) {
                continue;
            }
            points.add(new double[] {panel.px(step.offeredRate()), panel.py(value)});
            sustained.add(step.sustained());
        }
        g.setColor(series.color());
        g.setStroke(series.stroke());
        Path2D line = new Path2D.Double();
        for (int i = 0; i < points.size(); i++) {
            if (i == 0) {
                line.moveTo(points.get(i)[0], points.get(i)[1]);
            } else {
                line.lineTo(points.get(i)[0], points.get(i)[1]);
            }
        }
        g.draw(line);
        g.setStroke(new BasicStroke(2f));
        for (int i = 0; i < points.size(); i++) {
            Ellipse2D marker = new Ellipse2D.Double(points.get(i)[0] - 4.5, points.get(i)[1] - 4.5, 9, 9);
            g.setColor(sustained.get(i) ? series.color() : Color.WHITE);
            g.fill(marker);
            g.setColor(series.color());
            g.draw(marker);
        }
    }

    private static void legend(Graphics2D g, Panel panel, List<Series> series) {
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
        FontMetrics metrics = g.getFontMetrics();
        int width = series.stream().mapToInt(s -> metrics.stringWidth(s.label())).max().orElse(0) + 50;
        int height = series.size() * 20 + 10;
        int x = panel.x() + 12;
        int y = panel.y() + 12;
        g.setColor(new Color(255, 255, 255, 235));
        g.fillRect(x, y, width, height);
        g.setColor(GRID);
        g.setStroke(new BasicStroke(1f));
        g.drawRect(x, y, width, height);
        for (int i = 0; i < series.size(); i++) {
            Series each = series.get(i);
            int lineY = y + 16 + i * 20;
            g.setColor(each.color());
            g.setStroke(each.stroke());
            g.drawLine(x + 8, lineY - 4, x + 36, lineY - 4);
            g.setColor(AXIS);
            g.drawString(each.label(), x + 44, lineY);
        }
    }

    private static List<Double> linearTicks(double max) {
        double step = niceStep(max / 5);
        List<Double> ticks = new ArrayList<>();
        for (double tick = 0; tick <= max * 1.0001; tick += step) {
            ticks.add(tick);
        }
        return ticks;
    }

    private static List<Double> decades(double low, double high) {
        List<Double> ticks = new ArrayList<>();
        for (double tick = low; tick <= high * 1.0001; tick *= 10) {
            ticks.add(tick);
        }
        return ticks;
    }

    private static double niceStep(double rough) {
        if (rough <= 0) {
            return 1;
        }
        double magnitude = Math.pow(10, Math.floor(Math.log10(rough)));
        double fraction = rough / magnitude;
        double nice = fraction <= 1 ? 1 : fraction <= 2 ? 2 : fraction <= 2.5 ? 2.5 : fraction <= 5 ? 5 : 10;
        return nice * magnitude;
    }

    private static String trim(double value) {
        if (value == Math.rint(value)) {
            return Long.toString((long) value);
        }
        return value >= 1 ? String.format("%.1f", value) : String.format("%.2g", value);
    }
}
