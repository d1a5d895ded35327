"""Sphinx settings of the course website (`make site`): the notebooks as pages, every control live with no kernel.

tools/build_site.py copies this folder, the notebooks and the generated pages into build/site-src/ and runs Sphinx there;
it executes the notebooks with COURSE_SITE=1, so that each explorer, chart and self-check writes its pre-rendered
HTML (helpers/static.py) and site/_static/course.js makes it live. Nothing is fetched from another host.
"""

project = "How cancer spreads"
author = "The metastasis course contributors"
copyright = "the metastasis course contributors; text and data CC BY 4.0, code MIT"
extensions = ["myst_nb"]
root_doc = "index"
exclude_patterns = ["_build", "**.ipynb_checkpoints"]
html_theme = "sphinx_book_theme"
html_title = "How cancer spreads"
html_static_path = ["_static"]
html_js_files = ["plotly.min.js", "course.js"]
html_css_files = ["course.css"]
html_copy_source = False
html_show_sourcelink = False
html_theme_options = {
    "show_toc_level": 2,
    "use_download_button": False,
    "use_fullscreen_button": False,
    "use_repository_button": False,
    "show_navbar_depth": 1,
    "navigation_with_keys": True,
}
html_last_updated_fmt = None
nb_execution_mode = "off"  # tools/build_site.py has executed them, with COURSE_SITE=1 and no widget state
nb_ipywidgets_js: dict[str, dict[str, str]] = {}  # no widget manager from a CDN: course.js draws every control
nb_remove_code_source = True  # learners read the narrative and use the controls; the code is in the notebooks
nb_merge_streams = True
myst_enable_extensions = ["colon_fence", "deflist"]
myst_heading_anchors = 3
suppress_warnings = ["mystnb.unknown_mime_type", "myst.header"]
# _templates/search-button-field.html: the theme's search button named by what it shows (the theme's own names itself
# "Search" while it shows "Search Ctrl+K", which axe-core reports as a label mismatch).
templates_path = ["_templates"]
html_context = {"default_mode": "light"}  # a set mode (the theme logs an error on a page with none stored)
