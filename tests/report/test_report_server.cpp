// The server statistics endpoint (written with the endpoint).
