"""The application as gunicorn serves it, plus a hello-world route to compare against."""

from workshop_credit import create_app

app = create_app()


@app.get("/bench/hello")
def hello():
    """The cheapest response this app can give: the baseline of the benchmark."""
    return "hello"
