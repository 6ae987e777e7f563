"""Human review: the Label Studio round trip (push records as pre-annotated tasks, pull the
reviewed tasks back as training data) and the self-contained review page of `jixiao show`.

- `labelconfig`: the labeling config, generated from `extract.schema`;
- `tasks`: record -> task with predictions, and validation of exported tasks;
- `client`: a small client for the Label Studio REST API;
- `show`: one HTML page with the text, highlights coloured by confidence, and the record.
"""
