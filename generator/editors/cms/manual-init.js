/* Decap CMS waits for cms.js to start it with the configuration generated from the content model. */
window.CMS_MANUAL_INIT = true;
