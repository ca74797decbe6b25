"""The build: what turns the notebooks into what a reader opens outside Jupyter (`make run`).

Executed notebooks, reports, slides, PDFs, figures, the annotated release and the index, in
English and Chinese, into build/. No notebook imports this package; its modules, one job each:
`export` (the command and its jobs' orchestration), `jobs`, `cache`, `lock`, `layout`, `index`,
`execute`, `render`, `webfont`, `browser`, `translation` (the Chinese catalogs), `bench`.
"""
