"""The proof-of-work widget as a Reflex component: a local React component around the npm
``altcha`` web component (see ``proof_widget.jsx``)."""

import reflex as rx


class ProofWidget(rx.Component):
    library = f"$/public/{rx.asset('proof_widget.jsx', shared=True)}"
    tag = "ProofWidget"
    lib_dependencies: list[str] = ["altcha@3.2.2"]

    challenge: rx.Var[str]
    lang: rx.Var[str]
    strings: rx.Var[str]  # JSON: the widget's texts in the page's language


proof_widget = ProofWidget.create
