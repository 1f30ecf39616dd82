"""The few style rules the frame adds to Streamlit's theme: projector and phone layouts.

Colours are left to the theme (light or dark, whichever the visitor's system uses);
these rules only change sizes and spacing.
"""

from __future__ import annotations

# Every page: less empty space above the title, and on a narrow screen (a phone) the
# whole width for the figures and no plotly toolbar over their titles.
BASE = """
.block-container { padding-top: 3.5rem; padding-bottom: 2rem; }
/* Captions carry the computed "What to notice": Streamlit's 60 % grey is 3.3:1 on white;
   the text colour at 80 % opacity keeps them quieter than prose and above 4.5:1. */
[data-testid="stCaptionContainer"], .stCaption { color: inherit !important; opacity: 0.8; }
h1 { font-size: 2.1rem !important; padding-top: 0.25rem !important; }
/* The chart that only carries the theme for the live charts (live_chart.theme_carrier):
   out of the flow (no gap), unseen, unread by screen readers, still drawn by plotly.js. */
[data-testid="stLayoutWrapper"]:has(> .st-key-regviz-theme) { position: absolute !important;
  top: 0; left: 0; width: 300px; height: 0; overflow: hidden; visibility: hidden;
  pointer-events: none; }
/* Streamlit cuts a one-line text that does not fit (a page link, a button, a toggle's
   label, a metric's value) to "…". On a phone or a 1024-px projector the words must be read
   whole (a lesson step's question, a preset's name, "Simulate"), so they wrap instead; a
   page link's icon stays by its first line. */
[data-testid="stMain"] :is(button, label, [data-testid="stMetricValue"],
  [data-testid="stPageLink-NavLink"]) :is([data-testid="stMarkdownContainer"],
  [data-testid="stMarkdownContainer"] p, span:not([data-testid="stIconMaterial"])) {
  white-space: normal !important; overflow: visible !important; text-overflow: clip !important; }
[data-testid="stPageLink-NavLink"] :is([data-testid="stMarkdownContainer"] p, span) {
  line-height: 1.4; }
[data-testid="stPageLink-NavLink"] { align-items: flex-start; }
/* The sidebar's page names, likewise ("Monte Carlo: how often is a coefficient zero?"). */
[data-testid="stSidebarNav"] a :is(span, [data-testid="stMarkdownContainer"], p) {
  white-space: normal !important; overflow: visible !important; text-overflow: clip !important;
  line-height: 1.3; }
[data-testid="stSidebarNav"] a { height: auto !important; min-height: 2rem; }
@media (max-width: 640px) {
  .block-container { padding-left: 0.6rem; padding-right: 0.6rem; }
  .modebar-container { display: none !important; }
  h1 { font-size: 1.6rem !important; }
}
"""

# Classroom mode: text a back row can read (≥ 20 px everywhere), a compact title.
CLASSROOM = """
html { font-size: 20px; }
.stMarkdown p, .stMarkdown li, .stCaption p, [data-testid="stCaptionContainer"] p,
[data-testid="stWidgetLabel"] p, [data-testid="stWidgetLabel"] label,
[data-testid="stMetricLabel"] p, [data-testid="stExpander"] summary p,
[data-testid="stAlertContainer"] p, .stButton p, [data-testid="stPageLink"] p,
[data-testid="stSliderThumbValue"], [data-testid="stSliderTickBar"] div,
[data-testid="stMarkdownContainer"] p, [data-testid="stMarkdownContainer"] li,
[data-baseweb="radio"] div, [data-baseweb="checkbox"] div, [data-baseweb="select"] div,
[data-testid="stTable"] td, [data-testid="stTable"] th {
  font-size: 20px !important; line-height: 1.4 !important;
}
[data-testid="stMetricValue"], [data-testid="stMetricValue"] p,
[data-testid="stMetricValue"] div { font-size: 34px !important; }
/* On a projector nobody zooms, and plotly's toolbar would cover the panel titles. */
.modebar-container { display: none !important; }
.block-container { padding-top: 2.6rem; padding-left: 1.2rem; padding-right: 1.2rem;
  max-width: 100%; }
h1 { font-size: 1.6rem !important; padding: 0 !important; }
h2, h3 { font-size: 1.4rem !important; }
"""


def page_css(*, classroom: bool) -> str:
    """The ``<style>`` block for a page (``st.html`` puts it in the page, not in a frame).

    Examples
    --------
    >>> "font-size: 20px" in page_css(classroom=True), "20px" in page_css(classroom=False)
    (True, False)
    """
    rules = BASE + (CLASSROOM if classroom else "")
    return f"<style>{rules}</style>"
