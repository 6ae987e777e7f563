"""People and the records: the Label Studio round trip (push records as pre-annotated tasks,
pull the reviewed tasks back as training data), the self-contained review page of
`jixiao show`, and the honest review figures the calibrator is fitted on.

- `roundtrip`: records -> Label Studio -> reviewed, checked annotations (the labeling
  config is `extract.learn.nlp.labelconfig`, the contract with the training side);
- `tasks`: record -> task with predictions, and validation of exported tasks;
- `client`: a small client for the Label Studio REST API;
- `show`: one HTML page with the text, highlights coloured by confidence, and the record;
- `crossval`: confidences from a calibrator that never saw the document (`jixiao calibrate`).
"""
