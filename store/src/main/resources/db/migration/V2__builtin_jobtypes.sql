-- The job types every agent ships with. Their behaviour lives in the agent; these rows let jobs name them.
INSERT INTO jobtypes (name, description) VALUES
    ('command', 'Runs the command in data.command (a list: program and arguments) once per frame; {frame}, {start}, {end}, {by} and {data.KEY} are substituted.'),
    ('fake-render', 'Pretends to render: pyfarm-dev-fakerender behaviours (duration, ram, jitter, return code, spew, segfault) and writes one file per frame to data.output_dir.'),
    ('blender', 'Renders data.scene with Blender in background mode to data.output, one process per batch, progress from Blender''s output.');

INSERT INTO jobtype_versions (jobtype_id, version, classname, code, max_batch, batch_contiguous)
SELECT id, 1, 'builtin', '', CASE name WHEN 'blender' THEN 10 ELSE 1 END, TRUE FROM jobtypes;
