// The handout's timeline picture: inline SVG drawn from the plan. One row per effect (what the skin
// does) and per restriction (what to avoid, each stage lighter than the one before), a circle where
// a stage lifts, diamonds for the milestones, local day columns. Bars that go on past the drawn span
// end in an arrow with the date they end.
#include "io/html_common.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdio>
#include <optional>
#include <string>
#include <vector>

namespace aftercare::detail {

namespace {

using std::chrono::minutes;

constexpr double label_w = 235;   // the row names
constexpr double chart_w = 470;   // the bars
constexpr double width = label_w + chart_w + 20;
constexpr double row_h = 13;
constexpr double top = 34;        // the day labels

std::string num(double v) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.1f", v);
    return buf;
}

void draw_timeline(std::string& out, const plan& p, const handout_clock& clock);

/// Characters, not bytes (UTF-8 lead bytes): what the width estimates count.
std::size_t chars(std::string_view s) {
    return static_cast<std::size_t>(std::count_if(s.begin(), s.end(), [](char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; }));
}

/// About how wide `s` is drawn, in pixels: `ascii` per ASCII character, `other` per other one
/// (Cyrillic and accented letters run wider in the handout's sans-serif).
double text_width(std::string_view s, double ascii, double other) {
    double w = 0;
    for (const char c : s) {
        const auto u = static_cast<unsigned char>(c);
        if (u < 0x80) w += ascii;
        else if ((u & 0xC0) != 0x80) w += other;
    }
    return w;
}

/// A row name that fits the name column (12 px type), else cut with "…".
std::string fitted_label(const std::string& label) {
    constexpr double fit = label_w - 12;
    if (text_width(label, 6.3, 7.1) <= fit) return label;
    std::string out;
    for (std::size_t i = 0; i < label.size();) {
        std::size_t n = 1;
        while (i + n < label.size() && (static_cast<unsigned char>(label[i + n]) & 0xC0) == 0x80) ++n;
        if (text_width(out + label.substr(i, n) + "…", 6.3, 7.1) > fit) break;
        out += label.substr(i, n);
        i += n;
    }
    while (!out.empty() && (out.back() == ' ' || out.back() == ',')) out.pop_back();
    return out + "…";
}

struct row {
    std::string label;
    const entry* e;
};

/// The legend's keys, in order: three swatches, the circle, the diamond.
constexpr std::array<std::string_view, 5> legend_ids{"html.tl.legend.effect", "html.tl.legend.avoid", "html.tl.legend.less_strict",
                                                     "html.tl.legend.allowed", "html.tl.legend.milestone"};
struct legend_key {
    double x;
    double icon_w;
    int line;
};

/// The keys in a line under the picture from its left edge; a key that would run off the picture
/// starts the next line.
std::array<legend_key, 5> legend_layout(const catalogue& w) {
    std::array<legend_key, 5> keys{};
    double x = 8;
    int line = 0;
    for (std::size_t i = 0; i < keys.size(); ++i) {
        const double icon_w = i < 3 ? 22 : 14;
        const double need = icon_w + 6 + text_width(w.text(legend_ids[i]), 7.0, 7.8);
        if (x > 8 && x + need > width - 4) {
            x = 8;
            ++line;
        }
        keys[i] = {x, icon_w, line};
        x += need + 18;
    }
    return keys;
}

/// One local day of the picture: where its column runs and the two lines of its name.
struct day_column {
    double x0, x1;
    std::string weekday;  // "Sat" (11 px), or "day" without a treatment time
    std::string date;     // "21" (12 px, bold)
    std::optional<double> label_x;  // where the name is centred, when it is drawn
};

/// About how wide `s` is drawn in `size` px DejaVu Sans, a little over: "m" and "w" run about 1 em,
/// "i", "l", "t" a third, other letters 0.62 em (bold digits 0.72), other scripts 0.7.
double drawn_width(std::string_view s, double size, bool bold) {
    double em = 0;
    for (const char c : s) {
        const auto u = static_cast<unsigned char>(c);
        if ((u & 0xC0) == 0x80) continue;
        if (u >= 0x80) em += 0.7;
        else if (std::string_view("mwMW").find(c) != std::string_view::npos) em += 1.0;
        else if (std::string_view("iljtfrI.,:").find(c) != std::string_view::npos) em += 0.36;
        else em += bold && c >= '0' && c <= '9' ? 0.72 : 0.62;
    }
    return em * size;
}

/// The wider of a day name's two lines.
double day_name_width(const day_column& d) {
    return std::max(drawn_width(d.weekday, 11, false), drawn_width(d.date, 12, true));
}

/// Where each day's name goes: centred on its column, or moved aside (still over its column) to keep
/// 3 px from the names already placed, or left out; never past the picture's edges. Whole days are
/// placed first, so the part-day on either end (a treatment late in the day leaves a sliver) is the
/// one moved, into the free space beside the chart, or left out, rather than drawn over its neighbour.
void label_days(std::vector<day_column>& days) {
    std::vector<std::size_t> order(days.size());
    for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
    auto px = [&](std::size_t i) { return std::lround(days[i].x1 - days[i].x0); };  // whole pixels: equals keep their order
    std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return px(a) > px(b); });
    std::vector<std::pair<double, double>> taken;
    for (std::size_t i : order) {
        day_column& d = days[i];
        const double half = day_name_width(d) / 2 + 1.5;
        std::vector<double> centres{(d.x0 + d.x1) / 2};
        for (const auto& t : taken) {
            centres.push_back(t.first - half);
            centres.push_back(t.second + half);
        }
        auto fits = [&](double c) {
            const double from = c - half, to = c + half;
            return from >= 0 && to <= width && from < d.x1 - 1 && to > d.x0 + 1 &&
                   std::none_of(taken.begin(), taken.end(), [&](const auto& t) { return from < t.second - 0.01 && t.first + 0.01 < to; });
        };
        const auto c = std::find_if(centres.begin(), centres.end(), fits);
        if (c == centres.end()) continue;
        taken.emplace_back(*c - half, *c + half);
        d.label_x = *c;
    }
}

}  // namespace

namespace {

/// The picture's look as presentation attributes as well as classes: a renderer that does not apply the
/// page's style sheet inside SVG (WeasyPrint) draws the same picture.
void presentation_attributes(std::string& svg) {
    static constexpr std::array<std::pair<std::string_view, std::string_view>, 14> looks{{
        {"tl-label", R"( font-size="12" text-anchor="end" fill="#111")"},
        {"tl-day", R"( font-size="11" text-anchor="middle" fill="#3d4450")"},
        {"tl-date", R"( font-size="12" font-weight="bold" text-anchor="middle" fill="#111")"},
        {"tl-more", R"( font-size="11" font-weight="bold" text-anchor="end" fill="#fff")"},
        {"tl-legend", R"( font-size="13" fill="#111")"},
        {"tl-mname", R"( font-size="12" font-weight="bold" fill="#0f5c56")"},
        {"tl-effect", R"( fill="#b4530a")"},
        {"tl-effect rare", R"( fill="#e3a873")"},
        {"tl-avoid s0", R"( fill="#1d4ed8")"},
        {"tl-avoid s1", R"( fill="#6f8fe8")"},
        {"tl-avoid s2", R"( fill="#a9bdf2")"},
        {"tl-lift", R"( fill="#fff" stroke="#111" stroke-width="2")"},
        {"tl-milestone", R"( fill="#0f766e")"},
        {"tl-band", R"( fill="#f1f3f5")"},
    }};
    std::string out;
    out.reserve(svg.size() * 3 / 2);
    std::size_t pos = 0;
    for (auto at = svg.find("class=\"tl-"); at != std::string::npos; at = svg.find("class=\"tl-", pos)) {
        const auto close = svg.find('"', at + 7);
        const std::string_view cls = std::string_view(svg).substr(at + 7, close - at - 7);
        out.append(svg, pos, close + 1 - pos);
        for (const auto& [name, look] : looks) {
            if (name == cls) out += look;
        }
        pos = close + 1;
    }
    out.append(svg, pos);
    svg = std::move(out);
}

}  // namespace

void timeline_svg(std::string& out, const plan& p, const handout_clock& clock) {
    std::string picture;
    draw_timeline(picture, p, clock);
    presentation_attributes(picture);
    out += picture;
}

namespace {

void draw_timeline(std::string& out, const plan& p, const handout_clock& clock) {
    constexpr minutes day{24 * 60};
    // The span drawn: through the last end within three weeks, at least a week, at most 15 days.
    minutes last{7 * day};
    for (const entry& e : p.entries()) {
        if ((e.kind == entry_kind::effect || e.kind == entry_kind::restriction) && e.end && *e.end <= 21 * day) last = std::max(last, *e.end);
        if (e.kind == entry_kind::restriction) {
            for (const stage& s : e.stages) {
                if (s.until <= 21 * day) last = std::max(last, s.until);
            }
        }
    }
    const minutes span = std::min(last + day, 15 * day);
    auto x = [&](minutes m) { return label_w + chart_w * std::clamp(static_cast<double>(m.count()) / static_cast<double>(span.count()), 0.0, 1.0); };

    std::vector<row> rows;
    for (const entry& e : p.entries()) {
        if (e.kind == entry_kind::effect) rows.push_back({std::string(e.title), &e});
    }
    const std::size_t effects = rows.size();
    // Restrictions with the same stages share a row ("Touching and picking, Shaving").
    auto same_stages = [](const entry& a, const entry& b) {
        return a.stages.size() == b.stages.size() &&
               std::equal(a.stages.begin(), a.stages.end(), b.stages.begin(), [](const stage& s1, const stage& s2) { return s1.until == s2.until; });
    };
    for (const entry& e : p.entries()) {
        if (e.kind != entry_kind::restriction) continue;
        auto it = std::find_if(rows.begin() + static_cast<std::ptrdiff_t>(effects), rows.end(), [&](const row& r) { return same_stages(*r.e, e); });
        const std::string merged = it != rows.end() ? it->label + ", " + std::string(e.title) : std::string();
        if (it != rows.end() && chars(it->label) + chars(e.title) < 34 && fitted_label(merged) == merged) it->label = merged;
        else rows.push_back({std::string(e.title), &e});
    }
    bool milestones = false;
    for (const entry& e : p.entries()) milestones = milestones || (e.kind == entry_kind::milestone && e.onset < span);

    const double chart_top = top + (milestones ? row_h + 6 : 0);
    const double effects_h = static_cast<double>(effects) * row_h;
    const catalogue& w = clock.words();
    const std::array<legend_key, 5> keys = legend_layout(w);
    const double legend_h = 36 + 20 * keys.back().line;  // the key under the bars
    const double height = chart_top + effects_h + 10 + static_cast<double>(rows.size() - effects) * row_h + legend_h;

    out += "<figure class=\"timeline-figure\">\n<svg viewBox=\"0 0 " + num(width) + " " + num(height) +
           "\" role=\"img\" aria-labelledby=\"tl-title tl-desc\" class=\"timeline-svg\">\n<title id=\"tl-title\">";
    html_escape(out, w.text("html.tl.title"));
    out += "</title>\n<desc id=\"tl-desc\">";
    for (const row& r : rows) {
        html_escape(out, r.label);
        html_escape(out, r.e->end ? w.format("html.tl.until", {{"when", clock.when(*r.e->end)}}) : std::string(". "));
    }
    out += "</desc>\n";

    // Day columns: a shaded band on every other local day, the day's name in the middle of its column.
    std::vector<day_column> days;
    for (long i = 0;; ++i) {
        const minutes start = std::max(clock.day_start(i), minutes{0});
        if (start >= span) break;
        const std::string label = clock.day_label(i);
        const auto space = label.find(' ');
        days.push_back({x(start), x(std::min(clock.day_start(i + 1), span)),
                        space == std::string::npos ? std::string(w.text("html.tl.day")) : label.substr(0, space),
                        space == std::string::npos ? label : label.substr(space + 1), std::nullopt});
    }
    const double grid_bottom = height - legend_h;
    label_days(days);
    for (std::size_t i = 0; i < days.size(); ++i) {
        const day_column& d = days[i];
        if (i % 2 == 1) {
            out += "<rect x=\"" + num(d.x0) + "\" y=\"" + num(top - 4) + "\" width=\"" + num(d.x1 - d.x0) + "\" height=\"" + num(grid_bottom - top + 4) +
                   "\" class=\"tl-band\"/>\n";
        }
        if (!d.label_x) continue;
        const double mid = *d.label_x;
        out += "<text x=\"" + num(mid) + "\" y=\"14\" class=\"tl-day\">";
        html_escape(out, d.weekday);
        out += "</text><text x=\"" + num(mid) + "\" y=\"28\" class=\"tl-date\">";
        html_escape(out, d.date);
        out += "</text>\n";
    }

    // Milestones: a diamond and its title on a row of their own.
    if (milestones) {
        const double y = top + row_h / 2 + 2;
        out += "<text x=\"" + num(label_w - 8) + "\" y=\"" + num(y + 4) + "\" class=\"tl-label\">";
        html_escape(out, w.text("html.tl.milestones"));
        out += "</text>\n";
        std::vector<std::pair<double, double>> names;  // the x ranges of the names drawn
        for (const entry& e : p.entries()) {
            if (e.kind != entry_kind::milestone || e.onset >= span) continue;
            const double cx = x(e.onset);
            out += "<path d=\"M" + num(cx) + " " + num(y - 7) + " l7 7 l-7 7 l-7 -7 z\" class=\"tl-milestone\"><title>";
            html_escape(out, std::string(e.title) + ": " + clock.when(e.onset));
            out += "</title></path>\n";
            // The name before the mark (the next milestone is later), after it when there is no room;
            // left out (the mark keeps it as its title) when it would run into another name or off the picture.
            const double name_w = text_width(e.title, 6.8, 7.6);
            const bool left = cx - 10 - name_w > label_w;
            const double from = left ? cx - 10 - name_w : cx + 10, to = left ? cx - 10 : cx + 10 + name_w;
            const bool clash = to > width || std::any_of(names.begin(), names.end(), [&](const auto& n) { return from < n.second && n.first < to; });
            if (clash) continue;
            names.emplace_back(from, to);
            out += "<text x=\"" + num(left ? cx - 10 : cx + 10) + "\" y=\"" + num(y + 4) + "\" text-anchor=\"" + (left ? "end" : "start") + "\" class=\"tl-mname\">";
            html_escape(out, e.title);
            out += "</text>\n";
        }
    }

    // Bars.
    double y = chart_top;
    for (std::size_t i = 0; i < rows.size(); ++i) {
        if (i == effects) y += 10;
        const row& r = rows[i];
        const entry& e = *r.e;
        out += "<text x=\"" + num(label_w - 8) + "\" y=\"" + num(y + row_h / 2 + 4) + "\" class=\"tl-label\">";
        const std::string shown = fitted_label(r.label);
        html_escape(out, shown);
        if (shown != r.label) {  // the whole name on hover and for screen readers
            out += "<title>";
            html_escape(out, r.label);
            out += "</title>";
        }
        out += "</text>\n";
        auto bar = [&](minutes from, minutes to, const char* cls, bool lift) {
            const double x0 = x(from);
            const double x1 = std::max(x(to), x0 + 3);
            out += "<rect x=\"" + num(x0) + "\" y=\"" + num(y + 2.5) + "\" width=\"" + num(x1 - x0) + "\" height=\"" + num(row_h - 5) + "\" class=\"" +
                   cls + "\"/>\n";
            if (to > span) {
                out += "<path d=\"M" + num(x1) + " " + num(y + 1) + " l8 " + num(row_h / 2 - 1) + " l-8 " + num(row_h / 2 - 1) + " z\" class=\"" + cls +
                       "\"/>\n<text x=\"" + num(x1 - 4) + "\" y=\"" + num(y + row_h / 2 + 4) + "\" class=\"tl-more\">";
                html_escape(out, w.format("html.tl.to", {{"day", clock.day(to)}}));
                out += "</text>\n";
            } else if (lift) {
                out += "<circle cx=\"" + num(x1) + "\" cy=\"" + num(y + row_h / 2) + "\" r=\"4.5\" class=\"tl-lift\"/>\n";
            }
        };
        if (e.kind == entry_kind::effect) {
            bar(e.onset, e.end.value_or(e.onset), e.likely == likelihood::rare ? "tl-effect rare" : "tl-effect", false);
        } else {
            minutes from{0};
            static constexpr std::array<const char*, 3> shades{"tl-avoid s0", "tl-avoid s1", "tl-avoid s2"};
            for (std::size_t k = 0; k < e.stages.size(); ++k) {
                const stage& s = e.stages[k];
                if (s.until > from) bar(from, s.until, shades[std::min<std::size_t>(k, 2)], true);
                from = std::max(from, s.until);
            }
        }
        y += row_h;
    }

    // Legend, where legend_layout put each key.
    const double ly = grid_bottom + 22;
    auto text_at = [&](const legend_key& k, std::string_view id) {
        out += "<text x=\"" + num(k.x + k.icon_w + 6) + "\" y=\"" + num(ly + 20 * k.line) + "\" class=\"tl-legend\">";
        html_escape(out, w.text(id));
        out += "</text>\n";
    };
    const std::array<const char*, 3> swatches{"tl-effect", "tl-avoid s0", "tl-avoid s1"};
    for (std::size_t i = 0; i < keys.size(); ++i) {
        const legend_key& k = keys[i];
        const double ky = ly + 20 * k.line;
        if (i < swatches.size()) out += "<rect x=\"" + num(k.x) + "\" y=\"" + num(ky - 11) + "\" width=\"22\" height=\"13\" class=\"" + swatches[i] + "\"/>";
        else if (i == 3) out += "<circle cx=\"" + num(k.x + 7) + "\" cy=\"" + num(ky - 4) + "\" r=\"4.5\" class=\"tl-lift\"/>";
        else out += "<path d=\"M" + num(k.x + 7) + " " + num(ky - 11) + " l7 7 l-7 7 l-7 -7 z\" class=\"tl-milestone\"/>";
        text_at(k, legend_ids[i]);
    }
    out += "</svg>\n</figure>\n";
}

}  // namespace

}  // namespace aftercare::detail
