from dealgraph.cli.main import app

app()
